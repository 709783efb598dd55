package org.vae4j.core.random;

import org.vae4j.api.RandomStream;

/**
 * Standard gamma variates {@code Gamma(alpha, 1)} on the host, with the implicit reparameterization
 * gradient {@code dz/dalpha} of each draw (Figurnov, Mohamed and Mnih 2018; what torch's
 * {@code _standard_gamma} differentiates with).
 *
 * <p>Draws: Marsaglia and Tsang's squeeze-and-reject method (2000) for {@code alpha >= 1}; for
 * {@code alpha < 1}, {@code G(alpha + 1) * U^(1/alpha)}. Everything is kept in log space, so that draws
 * below the smallest double (alpha of 1e-3 gives many) still have an exact logarithm and gradient.
 *
 * <p>Gradient: with F the gamma CDF (the regularized incomplete gamma function P), holding the quantile
 * {@code u = F(z; alpha)} fixed gives {@code dz/dalpha = -(dF/dalpha) / f(z; alpha)}. This class computes
 * {@code d(log z)/dalpha} from P's power series (z below alpha + 1, differentiated term by term) or from
 * Legendre's continued fraction for the complement Q (differentiated with it, in forward mode), both
 * divided by the density analytically so that nothing overflows. Accurate to about 1e-12 relative; torch
 * uses rational approximations good to about 1e-3 to 1e-6.
 */
public final class GammaVariates {
  private static final double EPS = 1e-17;
  private static final double TINY = 1e-300;

  private GammaVariates() {
  }

  /**
   * Draws {@code Gamma(alpha[i], 1)} for each i, writing {@code log z} to {@code logValues} and
   * {@code d(log z)/d(alpha)} to {@code logGradients} (both of alpha's length; null skips the gradients).
   *
   * @throws IllegalArgumentException for a concentration that is not positive and finite
   */
  public static void sample(double[] alpha, RandomStream rng, double[] logValues, double[] logGradients) {
    HostDraws draws = new HostDraws(rng);
    for (int i = 0; i < alpha.length; i++) {
      double a = alpha[i];
      if (!(a > 0) || Double.isInfinite(a)) {
        throw new IllegalArgumentException("Gamma sampler: concentration must be > 0 and finite, got " + a
            + " at index " + i);
      }
      double logZ = a >= 1 ? Math.log(marsagliaTsang(a, draws))
          : Math.log(marsagliaTsang(a + 1, draws)) + Math.log(draws.positiveUniform()) / a;
      logValues[i] = logZ;
      if (logGradients != null) {
        logGradients[i] = dLogZ(a, logZ);
      }
    }
  }

  /** One draw of {@code Gamma(a, 1)} for {@code a >= 1}. */
  private static double marsagliaTsang(double a, HostDraws draws) {
    double d = a - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = draws.normal();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = draws.positiveUniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  /**
   * {@code d(log z)/d(alpha)} at fixed quantile, for {@code z = exp(logZ)} a point of {@code Gamma(alpha, 1)}.
   */
  public static double dLogZ(double alpha, double logZ) {
    double z = Math.exp(logZ);
    return z < alpha + 1 ? seriesDerivative(alpha, z, logZ) : continuedFractionDerivative(alpha, z, logZ);
  }

  /**
   * From {@code P = z^a e^-z / Gamma(a) * sum_n c_n} with {@code c_n = z^n Gamma(a) / Gamma(a + n + 1)}:
   * {@code d(log z)/da = -sum_n c_n (log z - psi(a + n + 1))}.
   */
  private static double seriesDerivative(double a, double z, double logZ) {
    double c = 1 / a;
    double psi = HostMath.digamma(a) + 1 / a;
    double sum = c * (logZ - psi);
    double cSum = c;
    int maxTerms = 100 + (int) (20 * Math.sqrt(a + z) + z);
    for (int n = 1; n < maxTerms; n++) {
      c *= z / (a + n);
      psi += 1 / (a + n);
      double term = c * (logZ - psi);
      sum += term;
      cSum += c;
      if (c < EPS * cSum && Math.abs(term) < EPS * Math.abs(sum) && a + n > z) {
        break;
      }
    }
    return -sum;
  }

  /**
   * From {@code Q = z^a e^-z / Gamma(a) * h} with h Legendre's continued fraction (evaluated by Lentz's
   * method with forward-mode derivatives in a): {@code d(log z)/da = h (log z - psi(a)) + dh/da}.
   */
  private static double continuedFractionDerivative(double a, double z, double logZ) {
    double b = z + 1 - a;
    double db = -1;
    double c = 1 / TINY;
    double dc = 0;
    double d = 1 / b;
    double dd = -db / (b * b);
    double h = d;
    double dh = dd;
    int maxTerms = 100 + (int) (20 * Math.sqrt(a + z));
    for (int i = 1; i < maxTerms; i++) {
      double an = -i * (i - a);
      double dan = i;
      b += 2;
      double dNew = an * d + b;
      double ddNew = dan * d + an * dd + db;
      if (Math.abs(dNew) < TINY) {
        dNew = TINY;
      }
      double cNew = b + an / c;
      double dcNew = db + (dan * c - an * dc) / (c * c);
      if (Math.abs(cNew) < TINY) {
        cNew = TINY;
      }
      d = 1 / dNew;
      dd = -ddNew / (dNew * dNew);
      c = cNew;
      dc = dcNew;
      double del = d * c;
      double ddel = dd * c + d * dc;
      dh = dh * del + h * ddel;
      h *= del;
      if (Math.abs(del - 1) < EPS && Math.abs(ddel) < EPS * Math.max(Math.abs(dh), 1e-300)) {
        break;
      }
    }
    return h * (logZ - HostMath.digamma(a)) + dh;
  }
}
