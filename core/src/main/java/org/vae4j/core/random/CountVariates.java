package org.vae4j.core.random;

import org.vae4j.api.RandomStream;

/**
 * Poisson and binomial variates on the host, as doubles holding integers. Small means use inversion (a
 * sequential search of the CDF); large ones use Hoermann's transformed rejection: PTRS for the Poisson
 * (1993, as NumPy) and BTRS for the binomial (1993, as torch), with exact log-factorials in the acceptance
 * test. Both are exact samplers; no draw is ever approximated.
 */
public final class CountVariates {
  private static final double INVERSION_LIMIT = 10;

  private CountVariates() {
  }

  /**
   * One Poisson draw per rate.
   *
   * @throws IllegalArgumentException for a rate that is negative, NaN or infinite
   */
  public static double[] poisson(double[] rate, RandomStream rng) {
    HostDraws draws = new HostDraws(rng);
    double[] out = new double[rate.length];
    for (int i = 0; i < rate.length; i++) {
      double lam = rate[i];
      if (!(lam >= 0) || Double.isInfinite(lam)) {
        throw new IllegalArgumentException("Poisson sampler: rate must be >= 0 and finite, got " + lam + " at index "
            + i);
      }
      out[i] = lam == 0 ? 0 : lam < INVERSION_LIMIT ? poissonInversion(lam, draws) : poissonPtrs(lam, draws);
    }
    return out;
  }

  private static double poissonInversion(double lam, HostDraws draws) {
    double u = draws.uniform();
    double p = Math.exp(-lam);
    double cdf = p;
    int k = 0;
    while (u > cdf && p > 0) {
      k++;
      p *= lam / k;
      cdf += p;
    }
    return k;
  }

  private static double poissonPtrs(double lam, HostDraws draws) {
    double slam = Math.sqrt(lam);
    double logLam = Math.log(lam);
    double b = 0.931 + 2.53 * slam;
    double a = -0.059 + 0.02483 * b;
    double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    double vr = 0.9277 - 3.6224 / (b - 2);
    while (true) {
      double u = draws.uniform() - 0.5;
      double v = draws.positiveUniform();
      double us = 0.5 - Math.abs(u);
      double k = Math.floor((2 * a / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
          <= -lam + k * logLam - HostMath.lgamma(k + 1)) {
        return k;
      }
    }
  }

  /**
   * One binomial draw per element: {@code count[i]} trials of success probability {@code prob[i]}.
   *
   * @throws IllegalArgumentException for a count that is not a nonnegative integer or a probability outside
   *     [0, 1]
   */
  public static double[] binomial(double[] count, double[] prob, RandomStream rng) {
    HostDraws draws = new HostDraws(rng);
    double[] out = new double[count.length];
    for (int i = 0; i < count.length; i++) {
      double n = count[i];
      double p = prob[i];
      if (!(n >= 0) || n != Math.floor(n) || Double.isInfinite(n)) {
        throw new IllegalArgumentException("Binomial sampler: total count must be a nonnegative integer, got " + n
            + " at index " + i);
      }
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("Binomial sampler: probability must be in [0, 1], got " + p
            + " at index " + i);
      }
      boolean flip = p > 0.5;
      double q = flip ? 1 - p : p;
      double k;
      if (n == 0 || q == 0) {
        k = 0;
      } else if (n * q < INVERSION_LIMIT) {
        k = binomialInversion(n, q, draws);
      } else {
        k = binomialBtrs(n, q, draws);
      }
      out[i] = flip ? n - k : k;
    }
    return out;
  }

  private static double binomialInversion(double n, double p, HostDraws draws) {
    double q = 1 - p;
    double s = p / q;
    double a = (n + 1) * s;
    double r = Math.exp(n * Math.log1p(-p));
    double u = draws.uniform();
    double k = 0;
    while (u > r && k < n) {
      u -= r;
      k++;
      r *= a / k - s;
    }
    return k;
  }

  private static double binomialBtrs(double n, double p, HostDraws draws) {
    double stddev = Math.sqrt(n * p * (1 - p));
    double c = n * p + 0.5;
    double b = 1.15 + 2.53 * stddev;
    double a = -0.0873 + 0.0248 * b + 0.01 * p;
    double alpha = (2.83 + 5.1 / b) * stddev;
    double vr = 0.92 - 4.2 / b;
    double logR = Math.log(p / (1 - p));
    double m = Math.floor((n + 1) * p);
    double logPmfM = -HostMath.lgamma(m + 1) - HostMath.lgamma(n - m + 1) + m * logR;
    while (true) {
      double u = draws.uniform() - 0.5;
      double v = draws.positiveUniform();
      double us = 0.5 - Math.abs(u);
      double k = Math.floor((2 * a / us + b) * u + c);
      if (k < 0 || k > n) {
        continue;
      }
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      double logV = Math.log(v * alpha / (a / (us * us) + b));
      double logRatio = -HostMath.lgamma(k + 1) - HostMath.lgamma(n - k + 1) + k * logR - logPmfM;
      if (logV <= logRatio) {
        return k;
      }
    }
  }
}
