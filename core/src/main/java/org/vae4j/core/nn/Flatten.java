package org.vae4j.core.nn;

import java.util.Map;
import org.vae4j.api.Tensor;

/** Merges axes {@code startAxis..rank-1} into one; by default keeps the batch axis: {@code (N, ...) -> (N, D)}. */
public final class Flatten implements Layer {
  private final int startAxis;

  /** Flattens everything after the batch axis. */
  public Flatten() {
    this(1);
  }

  /** Flattens from {@code startAxis} on (negative counts from the end). */
  public Flatten(int startAxis) {
    this.startAxis = startAxis;
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.flatten(startAxis);
  }

  /** No parameters. */
  @Override
  public Map<String, Tensor> namedParameters() {
    return Map.of();
  }

  @Override
  public String toString() {
    return "Flatten(" + startAxis + ")";
  }
}
