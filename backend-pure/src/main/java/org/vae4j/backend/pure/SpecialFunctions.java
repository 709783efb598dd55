package org.vae4j.backend.pure;

import org.apache.commons.numbers.gamma.Erf;

/**
 * Numerically stable scalar functions that {@link Math} lacks. Double versions are accurate to about
 * 1e-13 relative (absolute near the zeros of lgamma); float versions compute in float where that loses
 * nothing and in double otherwise. The error function is Apache Commons Numbers' port of Boost's.
 */
final class SpecialFunctions {
  private static final double HALF_LOG_TWO_PI = 0.91893853320467274178;
  private static final double LANCZOS_G = 7;
  private static final double[] LANCZOS = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7};

  private SpecialFunctions() {
  }

  /** {@code 1 / (1 + e^-x)}, never NaN for finite x and exact at the tails. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }

  static float sigmoid(float x) {
    if (x >= 0) {
      return 1f / (1f + (float) Math.exp(-x));
    }
    float e = (float) Math.exp(x);
    return e / (1f + e);
  }

  /** {@code ln(1 + e^x)} as {@code max(x, 0) + log1p(e^-|x|)}. */
  static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  static float softplus(float x) {
    return Math.max(x, 0f) + (float) Math.log1p(Math.exp(-Math.abs(x)));
  }

  /** -1, 0 or 1 (NaN stays NaN). */
  static double sign(double x) {
    return Math.signum(x);
  }

  /**
   * {@code ln |Gamma(x)|}: Lanczos (g = 7, 9 terms) for x >= 0.5, the reflection formula below;
   * +Infinity at 0 and the negative integers.
   */
  static double lgamma(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    if (Double.isInfinite(x)) {
      return Double.POSITIVE_INFINITY;
    }
    if (x < 0.5) {
      if (x == Math.floor(x)) {
        return Double.POSITIVE_INFINITY;
      }
      // Gamma(x) Gamma(1 - x) = pi / sin(pi x)
      return Math.log(Math.PI / Math.abs(sinPi(x))) - lgamma(1 - x);
    }
    double z = x - 1;
    double a = LANCZOS[0];
    double t = z + LANCZOS_G + 0.5;
    for (int i = 1; i < LANCZOS.length; i++) {
      a += LANCZOS[i] / (z + i);
    }
    return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /**
   * {@code d/dx ln Gamma(x)}: the recurrence {@code psi(x) = psi(x + 1) - 1/x} up to x >= 10, then the
   * asymptotic series through x^-12; reflection for x <= 0. NaN at 0 and the negative integers.
   */
  static double digamma(double x) {
    if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
      return Double.NaN;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return x;
    }
    if (x <= 0) {
      if (x == Math.floor(x)) {
        return Double.NaN;
      }
      // psi(1 - x) - psi(x) = pi cot(pi x)
      return digamma(1 - x) - Math.PI * cosPi(x) / sinPi(x);
    }
    double shift = 0;
    while (x < 10) {
      shift += 1 / x;
      x += 1;
    }
    double r = 1 / (x * x);
    double series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132
        - r * (691.0 / 32760))))));
    return Math.log(x) - 0.5 / x - series - shift;
  }

  /**
   * {@code d/dx psi(x)}: the recurrence {@code psi'(x) = psi'(x + 1) + 1/x^2} up to x >= 10, then the
   * asymptotic series {@code 1/x + 1/(2x^2) + sum_k B_2k / x^(2k+1)} through x^-15; reflection
   * {@code psi'(1 - x) + psi'(x) = pi^2 / sin^2(pi x)} for x <= 0. +Infinity at 0 and the negative
   * integers (a pole of order two).
   */
  static double trigamma(double x) {
    if (Double.isNaN(x) || x == Double.NEGATIVE_INFINITY) {
      return Double.NaN;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return 0;
    }
    if (x <= 0) {
      if (x == Math.floor(x)) {
        return Double.POSITIVE_INFINITY;
      }
      double s = sinPi(x);
      return Math.PI * Math.PI / (s * s) - trigamma(1 - x);
    }
    double shift = 0;
    while (x < 10) {
      shift += 1 / (x * x);
      x += 1;
    }
    double r = 1 / (x * x);
    double series = r * (1.0 / 6 - r * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30 - r * (5.0 / 66
        - r * (691.0 / 2730 - r * (7.0 / 6)))))));
    return shift + (1 + 0.5 / x + series) / x;
  }

  /** The error function, accurate to about 1 ulp (Boost's rational approximations). */
  static double erf(double x) {
    return Erf.value(x);
  }

  /** {@code sin(pi x)} with the argument reduced first, exact zeros at the integers. */
  private static double sinPi(double x) {
    double r = x - 2 * Math.floor(x / 2);
    return Math.sin(Math.PI * r);
  }

  private static double cosPi(double x) {
    double r = x - 2 * Math.floor(x / 2);
    return Math.cos(Math.PI * r);
  }
}
