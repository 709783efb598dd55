package org.vae4j.core.random;

/**
 * Special functions in double precision on the host, for the samplers of this package (which run on the
 * host, see {@link RandomTensors}). Arguments are positive; accuracy about 1e-15 relative.
 */
final class HostMath {
  /** Lanczos coefficients for g = 7, n = 9 (Numerical Recipes 3rd ed., and Boost's lanczos13 family). */
  private static final double[] LANCZOS = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7};
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private HostMath() {
  }

  /** {@code ln Gamma(x)} for {@code x > 0}: Lanczos below 10, Stirling's series above. */
  static double lgamma(double x) {
    if (x >= 10) {
      double r = 1 / (x * x);
      double series = (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r / 1680))) / x;
      return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
    }
    if (x < 0.5) {
      return lgamma(x + 1) - Math.log(x);
    }
    double xm1 = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (xm1 + i);
    }
    double t = xm1 + 7.5;
    return HALF_LOG_2PI + (xm1 + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** {@code psi(x) = d/dx ln Gamma(x)} for {@code x > 0}: recurrence up to 10, then the asymptotic series. */
  static double digamma(double x) {
    double shift = 0;
    double z = x;
    while (z < 10) {
      shift += 1 / z;
      z += 1;
    }
    double r = 1 / (z * z);
    double series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r / 132))));
    return Math.log(z) - 0.5 / z - series - shift;
  }
}
