package org.vae4j.core.contract;

/**
 * Reference special functions for the contract suite, written independently of any backend: Stirling's
 * series after shifting the argument past 15 (lgamma) or 20 (digamma, trigamma), reflection for negative
 * arguments, and erf's everywhere-positive power series. Accurate to about 1e-14 relative for the arguments
 * the suite uses. Public so that backend modules' own tests compare with the same references.
 */
public final class ReferenceMath {
  private ReferenceMath() {
  }

  public static double lgamma(double x) {
    if (x <= 0 && x == Math.floor(x)) {
      return Double.POSITIVE_INFINITY;
    }
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
    }
    double logProduct = 0;
    double z = x;
    while (z < 15) {
      logProduct += Math.log(z);
      z += 1;
    }
    double r = 1 / (z * z);
    double series = (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r * (1.0 / 1680 - r / 1188)))) / z;
    return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series - logProduct;
  }

  public static double digamma(double x) {
    if (x <= 0 && x == Math.floor(x)) {
      return Double.NaN;
    }
    if (x < 0.5) {
      return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
    }
    double shift = 0;
    double z = x;
    while (z < 20) {
      shift += 1 / z;
      z += 1;
    }
    double r = 1 / (z * z);
    double series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r / 132))));
    return Math.log(z) - 0.5 / z - series - shift;
  }

  /** {@code d/dx digamma(x)}; +Infinity at 0 and the negative integers. */
  public static double trigamma(double x) {
    if (x <= 0 && x == Math.floor(x)) {
      return Double.POSITIVE_INFINITY;
    }
    if (x < 0.5) {
      double s = Math.sin(Math.PI * x);
      return Math.PI * Math.PI / (s * s) - trigamma(1 - x);
    }
    double shift = 0;
    double z = x;
    while (z < 20) {
      shift += 1 / (z * z);
      z += 1;
    }
    double r = 1 / (z * z);
    double series = r * (1.0 / 6 - r * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30 - r * 5.0 / 66))));
    return shift + (1 + 0.5 / z + series) / z;
  }

  /**
   * The error function from {@code erf(x) = 2/sqrt(pi) e^(-x^2) sum_n 2^n x^(2n+1) / (2n+1)!!}, whose terms
   * are all positive (no cancellation); +-1 beyond |x| = 6, where erf is within 1e-17 of it.
   */
  public static double erf(double x) {
    double a = Math.abs(x);
    if (a >= 6) {
      return Math.signum(x);
    }
    double term = a;
    double sum = a;
    for (int n = 1; term > 1e-17 * sum; n++) {
      term *= 2 * a * a / (2 * n + 1);
      sum += term;
    }
    return Math.signum(x) * sum * Math.exp(-a * a) * 2 / Math.sqrt(Math.PI);
  }

  /** {@code 1 / (1 + e^-x)} through tanh, which never overflows. */
  static double sigmoid(double x) {
    return 0.5 * (1 + Math.tanh(0.5 * x));
  }

  /** {@code ln(1 + e^x)}, with {@code e^x} for very negative x where it is the exact first-order value. */
  static double softplus(double x) {
    if (x > 0) {
      return x + Math.log1p(Math.exp(-x));
    }
    return Math.log1p(Math.exp(x));
  }
}
