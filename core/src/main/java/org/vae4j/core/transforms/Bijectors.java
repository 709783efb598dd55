package org.vae4j.core.transforms;

import java.util.List;
import org.vae4j.api.Tensor;

/** Factories of the elementwise bijectors and of compositions; shared helpers. Stateless. */
public final class Bijectors {
  private Bijectors() {
  }

  /** {@code y = e^x}, onto (0, inf). */
  public static Bijector exp() {
    return Elementwise.EXP;
  }

  /** {@code y = sigmoid(x)}, onto (0, 1). */
  public static Bijector sigmoid() {
    return Elementwise.SIGMOID;
  }

  /** {@code y = tanh(x)}, onto (-1, 1). */
  public static Bijector tanh() {
    return Elementwise.TANH;
  }

  /** {@code y = log(1 + e^x)}, onto (0, inf). */
  public static Bijector softplus() {
    return Elementwise.SOFTPLUS;
  }

  /** {@code y = loc + scale x}, elementwise. */
  public static Bijector affine(Tensor loc, Tensor scale) {
    return new Affine(loc, scale, 0);
  }

  /** {@code f_n o ... o f_1}: the bijectors applied in the order given. */
  public static Bijector compose(Bijector... parts) {
    return compose(List.of(parts));
  }

  /** {@code f_n o ... o f_1}: the bijectors applied in list order. */
  public static Bijector compose(List<Bijector> parts) {
    return parts.size() == 1 ? parts.get(0) : new Composed(parts);
  }

  /** Sums the last {@code n} axes of {@code t} (none when {@code n == 0}); the event sums of log-densities. */
  public static Tensor sumRightmost(Tensor t, int n) {
    if (n == 0) {
      return t;
    }
    int[] axes = new int[n];
    for (int i = 0; i < n; i++) {
      axes[i] = t.rank() - n + i;
    }
    return t.sum(axes, false);
  }
}
