package org.vae4j.backend.djl;

/** Scalar reference values of ln|Gamma| and digamma for positive arguments, independent of the kernels. */
final class SpecialValues {
  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7};

  private SpecialValues() {
  }

  /** ln Gamma(x) for x > 0 (Lanczos, g = 7). */
  static double lgamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
    }
    double z = x - 1;
    double a = LANCZOS[0];
    double t = z + 7.5;
    for (int i = 1; i < LANCZOS.length; i++) {
      a += LANCZOS[i] / (z + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /** psi(x) for x > 0: upward recurrence to x >= 30, then eight terms of the asymptotic series. */
  static double digamma(double x) {
    double shift = 0;
    while (x < 30) {
      shift += 1 / x;
      x += 1;
    }
    double r = 1 / (x * x);
    double series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r * (1.0 / 132
        - r * (691.0 / 32760 - r * (1.0 / 12 - r * 3617.0 / 8160)))))));
    return Math.log(x) - 0.5 / x - series - shift;
  }
}
