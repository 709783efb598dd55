package org.vae4j.backend.djl;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;

/**
 * Elementwise functions that DJL's libtorch bindings do not expose (log1p, expm1, digamma, trigamma) or expose
 * with a cut-off (sigmoid, softplus), composed from libtorch kernels on whole tensors. Each keeps full precision
 * in the input's type; digamma and trigamma are evaluated in float64 and converted back. Thread-safe.
 */
final class DjlSpecialFunctions {
  /** Below these, sigmoid(x) = e^x to the type's precision while libtorch's 1 / (1 + e^-x) overflows to 0. */
  private static final double SIGMOID_TAIL_FLOAT32 = -80;
  private static final double SIGMOID_TAIL_FLOAT64 = -700;
  /** Above this, softplus(x) = x + e^-x to double precision (libtorch's own softplus returns x from 20). */
  private static final double SOFTPLUS_TAIL = 20;
  /** Digamma's recurrence shifts arguments by this much before the asymptotic series. */
  private static final int DIGAMMA_SHIFT = 6;
  /** Asymptotic series of digamma in r = 1/z^2: B_2k / (2k), k = 1..6, highest order first. */
  private static final double[] DIGAMMA_SERIES = {
    -691.0 / 32760, 1.0 / 132, -1.0 / 240, 1.0 / 252, -1.0 / 120, 1.0 / 12};
  /** Trigamma's recurrence shifts arguments by this much before its asymptotic series. */
  private static final int TRIGAMMA_SHIFT = 10;
  /** Asymptotic series of trigamma in r = 1/z^2: B_2k, k = 1..7, highest order first. */
  private static final double[] TRIGAMMA_SERIES = {
    7.0 / 6, -691.0 / 2730, 5.0 / 66, -1.0 / 30, 1.0 / 42, -1.0 / 30, 1.0 / 6};

  private final TorchContext ctx;

  DjlSpecialFunctions(TorchContext ctx) {
    this.ctx = ctx;
  }

  /**
   * ln(1 + x) to a few ulps for tiny x, by Kahan's trick: with u = 1 + x rounded, ln(u) * x / (u - 1)
   * cancels u's rounding error; x itself where u == 1, and +inf where u is +inf.
   */
  PtNDArray log1p(PtNDArray x) {
    DataType t = x.getDataType();
    try (Scratch s = new Scratch()) {
      PtNDArray one = s.keep(ctx.scalar(1, t));
      PtNDArray inf = s.keep(ctx.scalar(Double.POSITIVE_INFINITY, t));
      PtNDArray u = s.keep(LibTorch.add(x, one));
      PtNDArray uMinus1 = s.keep(LibTorch.sub(u, one));
      PtNDArray logU = s.keep(LibTorch.log(u));
      PtNDArray kahan = s.keep(LibTorch.mul(logU, s.keep(LibTorch.div(x, uMinus1))));
      PtNDArray exact = s.keep(LibTorch.where(s.keep(LibTorch.eq(u, one)), x, kahan));
      return LibTorch.where(s.keep(LibTorch.eq(u, inf)), u, exact);
    }
  }

  /**
   * e^x - 1 to a few ulps for tiny x, by Kahan's trick: with u = e^x rounded, (u - 1) * x / ln(u); x where
   * u == 1, and u - 1 where that is -1 (x very negative) or +inf.
   */
  PtNDArray expm1(PtNDArray x) {
    DataType t = x.getDataType();
    try (Scratch s = new Scratch()) {
      PtNDArray one = s.keep(ctx.scalar(1, t));
      PtNDArray minusOne = s.keep(ctx.scalar(-1, t));
      PtNDArray u = s.keep(LibTorch.exp(x));
      PtNDArray uMinus1 = s.keep(LibTorch.sub(u, one));
      PtNDArray kahan = s.keep(LibTorch.mul(uMinus1, s.keep(LibTorch.div(x, s.keep(LibTorch.log(u))))));
      PtNDArray saturated = s.keep(LibTorch.logicalOr(
          s.keep(LibTorch.eq(uMinus1, minusOne)), s.keep(LibTorch.isInf(uMinus1))));
      PtNDArray far = s.keep(LibTorch.where(saturated, uMinus1, kahan));
      return LibTorch.where(s.keep(LibTorch.eq(u, one)), x, far);
    }
  }

  /**
   * 1 / (1 + e^-x): libtorch's sigmoid, except e^x far in the negative tail, where libtorch's e^-x overflows
   * and it returns 0 instead of the (possibly subnormal) value.
   */
  PtNDArray sigmoid(PtNDArray x) {
    DataType t = x.getDataType();
    double tail = t == DataType.FLOAT32 ? SIGMOID_TAIL_FLOAT32 : SIGMOID_TAIL_FLOAT64;
    PtNDArray body = LibTorch.sigmoid(x);
    if (!reachesBelow(x, tail)) {
      return body;
    }
    try (Scratch s = new Scratch()) {
      s.keep(body);
      PtNDArray far = s.keep(LibTorch.lt(x, s.keep(ctx.scalar(tail, t))));
      return LibTorch.where(far, s.keep(LibTorch.exp(x)), body);
    }
  }

  /**
   * Whether some element of x is below {@code bound} or NaN (so that the tail's composition must run): one
   * reduction and one number to the host, much cheaper than the composition's three passes.
   */
  private static boolean reachesBelow(PtNDArray x, double bound) {
    if (x.size() == 0) {
      return false;
    }
    try (PtNDArray min = LibTorch.min(x)) {
      return !(LibTorch.scalarValue(min) >= bound);
    }
  }

  /** ln(1 + e^x): libtorch's softplus (log1p(exp(x))) up to 20, x + e^-x above. */
  PtNDArray softplus(PtNDArray x) {
    try (Scratch s = new Scratch()) {
      PtNDArray body = s.keep(LibTorch.softPlus(x));
      PtNDArray tail = s.keep(LibTorch.add(x, s.keep(LibTorch.exp(s.keep(LibTorch.neg(x))))));
      PtNDArray large = s.keep(LibTorch.gt(x, s.keep(ctx.scalar(SOFTPLUS_TAIL, x.getDataType()))));
      return LibTorch.where(large, tail, body);
    }
  }

  /**
   * d/dx ln Gamma(x), absolute error below 1e-12 for moderate x, evaluated in float64. For x >= 1/2:
   * psi(x) = psi(x + 6) - sum_{k<6} 1/(x + k) with the asymptotic series at x + 6. For x < 1/2 the reflection
   * psi(x) = psi(1 - x) - pi / tan(pi x). As in PyTorch: -inf at 0, NaN at the negative integers.
   */
  PtNDArray digamma(PtNDArray input) {
    DataType t = input.getDataType();
    DataType d = DataType.FLOAT64;
    try (Scratch s = new Scratch()) {
      PtNDArray x = s.keep(ctx.cast(input, d));
      PtNDArray one = s.keep(ctx.scalar(1, d));
      PtNDArray reflect = s.keep(LibTorch.lt(x, s.keep(ctx.scalar(0.5, d))));
      PtNDArray y = s.keep(LibTorch.where(reflect, s.keep(LibTorch.sub(one, x)), x));

      PtNDArray shifted = y;
      PtNDArray reciprocalSum = s.keep(ctx.scalar(0, d));
      for (int k = 0; k < DIGAMMA_SHIFT; k++) {
        reciprocalSum = s.keep(LibTorch.add(reciprocalSum, s.keep(LibTorch.div(one, shifted))));
        shifted = s.keep(LibTorch.add(shifted, one));
      }
      PtNDArray inverse = s.keep(LibTorch.div(one, shifted));
      PtNDArray r = s.keep(LibTorch.square(inverse));
      PtNDArray poly = horner(s, DIGAMMA_SERIES, r);
      PtNDArray half = s.keep(ctx.scalar(0.5, d));
      PtNDArray asymptotic = s.keep(LibTorch.sub(
          s.keep(LibTorch.sub(s.keep(LibTorch.log(shifted)), s.keep(LibTorch.mul(half, inverse)))),
          s.keep(LibTorch.mul(poly, r))));
      PtNDArray psiY = s.keep(LibTorch.sub(asymptotic, reciprocalSum));

      PtNDArray fraction = s.keep(LibTorch.sub(x, s.keep(LibTorch.floor(x))));
      PtNDArray pi = s.keep(ctx.scalar(Math.PI, d));
      PtNDArray cot = s.keep(LibTorch.div(pi, s.keep(LibTorch.tan(s.keep(LibTorch.mul(pi, fraction))))));
      PtNDArray reflected = s.keep(LibTorch.where(reflect, s.keep(LibTorch.sub(psiY, cot)), psiY));

      PtNDArray zero = s.keep(ctx.scalar(0, d));
      PtNDArray negativeInteger = s.keep(LibTorch.logicalAnd(
          s.keep(LibTorch.lt(x, zero)), s.keep(LibTorch.eq(fraction, zero))));
      PtNDArray nan = s.keep(ctx.scalar(Double.NaN, d));
      PtNDArray result = s.keep(LibTorch.where(negativeInteger, nan, reflected));
      return ctx.cast(result, t);
    }
  }

  /**
   * d/dx digamma(x), relative error near 1e-15 for moderate x, evaluated in float64. For x >= 1/2:
   * psi'(x) = psi'(x + 10) + sum_{k<10} 1/(x + k)^2 with the asymptotic series
   * 1/z + 1/(2z^2) + sum_k B_2k / z^(2k+1) at z = x + 10. For x < 1/2 the reflection
   * psi'(x) = pi^2 / sin^2(pi x) - psi'(1 - x). +inf at 0 and the negative integers.
   */
  PtNDArray trigamma(PtNDArray input) {
    DataType t = input.getDataType();
    DataType d = DataType.FLOAT64;
    try (Scratch s = new Scratch()) {
      PtNDArray x = s.keep(ctx.cast(input, d));
      PtNDArray one = s.keep(ctx.scalar(1, d));
      PtNDArray reflect = s.keep(LibTorch.lt(x, s.keep(ctx.scalar(0.5, d))));
      PtNDArray y = s.keep(LibTorch.where(reflect, s.keep(LibTorch.sub(one, x)), x));

      PtNDArray shifted = y;
      PtNDArray squareSum = s.keep(ctx.scalar(0, d));
      for (int k = 0; k < TRIGAMMA_SHIFT; k++) {
        squareSum = s.keep(LibTorch.add(squareSum, s.keep(LibTorch.div(one, s.keep(LibTorch.square(shifted))))));
        shifted = s.keep(LibTorch.add(shifted, one));
      }
      PtNDArray inverse = s.keep(LibTorch.div(one, shifted));
      PtNDArray r = s.keep(LibTorch.square(inverse));
      PtNDArray poly = horner(s, TRIGAMMA_SERIES, r);
      PtNDArray half = s.keep(ctx.scalar(0.5, d));
      // (1 + 1/(2z) + r * poly) / z
      PtNDArray bracket = s.keep(LibTorch.add(s.keep(LibTorch.add(one, s.keep(LibTorch.mul(half, inverse)))),
          s.keep(LibTorch.mul(poly, r))));
      PtNDArray psi1Y = s.keep(LibTorch.add(s.keep(LibTorch.mul(bracket, inverse)), squareSum));

      PtNDArray fraction = s.keep(LibTorch.sub(x, s.keep(LibTorch.floor(x))));
      PtNDArray pi = s.keep(ctx.scalar(Math.PI, d));
      PtNDArray sin = s.keep(LibTorch.sin(s.keep(LibTorch.mul(pi, fraction))));
      PtNDArray pole = s.keep(LibTorch.div(s.keep(ctx.scalar(Math.PI * Math.PI, d)), s.keep(LibTorch.square(sin))));
      PtNDArray reflected = s.keep(LibTorch.where(reflect, s.keep(LibTorch.sub(pole, psi1Y)), psi1Y));

      PtNDArray zero = s.keep(ctx.scalar(0, d));
      PtNDArray nonPositiveInteger = s.keep(LibTorch.logicalAnd(
          s.keep(LibTorch.lte(x, zero)), s.keep(LibTorch.eq(fraction, zero))));
      PtNDArray inf = s.keep(ctx.scalar(Double.POSITIVE_INFINITY, d));
      PtNDArray result = s.keep(LibTorch.where(nonPositiveInteger, inf, reflected));
      return ctx.cast(result, t);
    }
  }

  /** {@code c[0] r^(n-1) + ... + c[n-1]} in float64 by Horner's rule; intermediates go to {@code s}. */
  private PtNDArray horner(Scratch s, double[] coefficients, PtNDArray r) {
    DataType d = DataType.FLOAT64;
    PtNDArray poly = s.keep(ctx.scalar(coefficients[0], d));
    for (int i = 1; i < coefficients.length; i++) {
      poly = s.keep(LibTorch.add(s.keep(LibTorch.mul(poly, r)), s.keep(ctx.scalar(coefficients[i], d))));
    }
    return poly;
  }
}
