package org.vae4j.core.nn;

import java.util.Arrays;
import java.util.Map;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/**
 * Reshapes everything after the batch axis: {@code (N, ...) -> (N) ++ eventShape}, in row-major order.
 */
public final class Reshape implements Layer {
  private final Shape eventShape;

  /** The target event shape (sizes must all be >= 1). */
  public Reshape(int... eventDims) {
    this.eventShape = Shape.of(eventDims);
  }

  /** The target shape of one item. */
  public Shape eventShape() {
    return eventShape;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.rank() < 1 || x.size() != (long) x.dim(0) * eventShape.size()) {
      throw new IllegalArgumentException("Reshape: input " + x.shape() + " cannot become (N) ++ " + eventShape
          + " (each item must hold " + eventShape.size() + " elements)");
    }
    return x.reshape(eventShape.prepend(x.dim(0)));
  }

  /** No parameters. */
  @Override
  public Map<String, Tensor> namedParameters() {
    return Map.of();
  }

  @Override
  public String toString() {
    return "Reshape" + Arrays.toString(eventShape.dims());
  }
}
