package org.vae4j.core.distributions;

import org.vae4j.api.Tensor;

/** Functions composed from tensor ops that several distributions share. Stateless. */
public final class SpecialFunctions {
  private SpecialFunctions() {
  }

  /**
   * {@code a log x} elementwise with {@code 0 log 0 = 0} (torch's {@code xlogy}): 0 wherever {@code a == 0},
   * whatever x is. Shapes broadcast. Differentiable in both, with zero gradients where {@code a == 0} (the
   * logarithm is taken of 1 there, so no NaN reaches the gradient).
   */
  public static Tensor xlogy(Tensor a, Tensor x) {
    Tensor zero = a.factory().scalar(0.0, a.dtype());
    Tensor isZero = a.eq(zero);
    Tensor safeX = isZero.where(a.factory().scalar(1.0, a.dtype()), x);
    return isZero.where(zero, a.mul(safeX.log()));
  }

  /** {@code x log x} with {@code 0 log 0 = 0}. */
  public static Tensor xlogx(Tensor x) {
    return xlogy(x, x);
  }
}
