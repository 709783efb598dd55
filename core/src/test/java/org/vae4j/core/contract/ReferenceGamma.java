package org.vae4j.core.contract;

/**
 * The regularized lower incomplete gamma function {@code P(a, x)} and its inverse in x, in double, for
 * checking implicit reparameterization gradients by finite differences at a fixed quantile. Written
 * independently of the sampler's derivative code: P by its power series below {@code a + 1} and by the
 * continued fraction of Q above (Numerical Recipes' {@code gser} / {@code gcf}), the inverse by bisection
 * on {@code log x}.
 */
final class ReferenceGamma {
  private ReferenceGamma() {
  }

  static double p(double a, double x) {
    if (x <= 0) {
      return 0;
    }
    double logPrefix = a * Math.log(x) - x - ReferenceMath.lgamma(a);
    if (x < a + 1) {
      double term = 1 / a;
      double sum = term;
      for (int n = 1; n < 100_000; n++) {
        term *= x / (a + n);
        sum += term;
        if (term < sum * 1e-17) {
          break;
        }
      }
      return sum * Math.exp(logPrefix);
    }
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 100_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < tiny ? tiny : d;
      c = b + an / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-17) {
        break;
      }
    }
    return 1 - Math.exp(logPrefix) * h;
  }

  /** The x with {@code P(a, x) = u}, by bisection on log x (to double precision). */
  static double quantile(double a, double u) {
    double lo = -745;
    double hi = Math.log(a + 50 * Math.sqrt(a) + 50);
    for (int i = 0; i < 200; i++) {
      double mid = 0.5 * (lo + hi);
      if (p(a, Math.exp(mid)) < u) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return Math.exp(0.5 * (lo + hi));
  }
}
