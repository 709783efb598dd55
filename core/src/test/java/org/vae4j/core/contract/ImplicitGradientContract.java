package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.distributions.Beta;
import org.vae4j.core.distributions.Dirichlet;
import org.vae4j.core.distributions.Exponential;
import org.vae4j.core.distributions.Gamma;
import org.vae4j.core.distributions.MultivariateNormal;
import org.vae4j.core.distributions.StudentT;
import org.vae4j.core.random.PhiloxStream;

/**
 * Gradients of the new families' reparameterized samples, FLOAT64. Where a draw is a smooth function of
 * fixed noise (Exponential, MultivariateNormal, StudentT's loc and scale), against central finite differences
 * through the same noise. Where it comes from a rejection sampler (the gamma, hence Beta, Dirichlet and
 * StudentT's df), against finite differences at the draw's fixed quantile {@code u = P(alpha, z)} (the
 * implicit reparameterization that torch uses too), and, as a whole estimator, the mean of the per-draw
 * gradients against the derivative of the closed-form mean, within 5 standard errors.
 */
public abstract class ImplicitGradientContract extends BackendTestSupport {
  static final int N = 20_000;

  private void fixedNoise(String what, Function<Tensor[], Tensor> draw, double[]... values) {
    assumeFloat64();
    FiniteDifferences.checkVectors(what, f(), draw, values);
  }

  @Test
  void smoothSamplersMatchFiniteDifferencesThroughFixedNoise() {
    Shape three = Shape.of(3);
    fixedNoise("Exponential", a -> new Exponential(a[0]).rsample(PhiloxStream.seeded(1), three),
        new double[] {0.5, 2});
    fixedNoise("MultivariateNormal", a -> MultivariateNormal.fromScaleTril(a[0], a[1].reshape(2, 2)
        .mul(f64(new double[] {1, 0, 1, 1}, 2, 2))).rsample(PhiloxStream.seeded(2), three), new double[] {0.3, -1},
        new double[] {1.2, 0, 0.4, 0.7});
    fixedNoise("MultivariateNormal.fromCovariance", a -> MultivariateNormal.fromCovariance(a[0],
        a[1].reshape(2, 2).add(a[1].reshape(2, 2).transpose(0, 1)).mul(0.5)).rsample(PhiloxStream.seeded(3), three),
        new double[] {0.3, -1},
        new double[] {2, 0.5, 0.5, 1});
    fixedNoise("StudentT loc and scale", a -> new StudentT(f64(new double[] {4, 7}, 2), a[0], a[1])
        .rsample(PhiloxStream.seeded(4), three), new double[] {0.3, -1}, new double[] {0.7, 2});
  }

  @Test
  void gammaGradientsEqualFiniteDifferencesAtTheFixedQuantile() {
    assumeFloat64();
    double[] alpha = {0.01, 0.3, 0.9, 1, 2.5, 7, 40, 300};
    try (Scope s = Scope.open()) {
      Tensor a = f64(alpha, alpha.length).requireGrad();
      Tensor rate = f64(new double[] {1, 2, 0.5, 1, 3, 1, 0.1, 1}, alpha.length).requireGrad();
      Tensor z = new Gamma(a, rate).rsample(PhiloxStream.seeded(5), Shape.scalar());
      z.sum().backward();
      double[] zs = z.toDoubleArray();
      double[] r = rate.toDoubleArray();
      double[] da = a.grad().toDoubleArray();
      double[] dr = rate.grad().toDoubleArray();
      for (int i = 0; i < alpha.length; i++) {
        double standard = zs[i] * r[i];
        double u = ReferenceGamma.p(alpha[i], standard);
        double h = 1e-5 * alpha[i];
        double numeric = (ReferenceGamma.quantile(alpha[i] + h, u) - ReferenceGamma.quantile(alpha[i] - h, u))
            / (2 * h) / r[i];
        assertThat(da[i]).as("dz/dalpha at alpha %s, z %s", alpha[i], zs[i])
            .isCloseTo(numeric, within(1e-5 * Math.abs(numeric) + 1e-300));
        assertThat(dr[i]).as("dz/drate at alpha %s", alpha[i]).isCloseTo(-zs[i] / r[i], within(1e-12 * zs[i]));
      }
    }
  }

  /** Mean and standard error of per-draw gradients {@code g} of length N. */
  private static double[] meanAndError(double[] g) {
    double s1 = 0;
    double s2 = 0;
    for (double v : g) {
      s1 += v;
      s2 += v * v;
    }
    double mean = s1 / g.length;
    return new double[] {mean, Math.sqrt(Math.max(s2 / g.length - mean * mean, 0) / g.length)};
  }

  private Tensor filled(double v) {
    double[] x = new double[N];
    java.util.Arrays.fill(x, v);
    return f64(x, N).requireGrad();
  }

  private static void unbiased(String what, Tensor param, double expected) {
    double[] ms = meanAndError(param.grad().toDoubleArray());
    assertThat(ms[0]).as("%s: mean per-draw gradient (se %s)", what, ms[1]).isCloseTo(expected, within(5 * ms[1]));
  }

  @Test
  void implicitGradientsAreUnbiasedForTheMean() {
    assumeFloat64();
    try (Scope s = Scope.open()) {
      Tensor a = filled(0.6);
      Tensor rate = filled(2);
      new Gamma(a, rate).rsample(PhiloxStream.seeded(6), Shape.scalar()).sum().backward();
      unbiased("Gamma d mean / d alpha = 1 / rate", a, 1 / 2.0);
      unbiased("Gamma d mean / d rate = -alpha / rate^2", rate, -0.6 / 4);

      Tensor c1 = filled(0.7);
      Tensor c0 = filled(2.5);
      new Beta(c1, c0).rsample(PhiloxStream.seeded(7), Shape.scalar()).sum().backward();
      unbiased("Beta d mean / d alpha = beta / (alpha + beta)^2", c1, 2.5 / (3.2 * 3.2));
      unbiased("Beta d mean / d beta = -alpha / (alpha + beta)^2", c0, -0.7 / (3.2 * 3.2));

      double[] conc = new double[3 * N];
      for (int i = 0; i < N; i++) {
        conc[3 * i] = 0.5;
        conc[3 * i + 1] = 2;
        conc[3 * i + 2] = 1.5;
      }
      Tensor alpha = f64(conc, N, 3).requireGrad();
      Tensor w = f64(new double[] {1, -2, 0.5}, 3);
      new Dirichlet(alpha).rsample(PhiloxStream.seeded(8), Shape.scalar()).mul(w).sum().backward();
      double[] g = alpha.grad().toDoubleArray();
      double total = 4;
      double[] al = {0.5, 2, 1.5};
      double[] wv = {1, -2, 0.5};
      for (int j = 0; j < 3; j++) {
        double expected = 0;
        for (int k = 0; k < 3; k++) {
          expected += wv[k] * ((k == j ? total : 0) - al[k]) / (total * total);
        }
        double[] gj = new double[N];
        for (int i = 0; i < N; i++) {
          gj[i] = g[3 * i + j];
        }
        double[] ms = meanAndError(gj);
        assertThat(ms[0]).as("Dirichlet d E[w.z] / d alpha_%d (se %s)", j, ms[1]).isCloseTo(expected,
            within(5 * ms[1]));
      }

      Tensor df = filled(7);
      Tensor y = new StudentT(df, f64(new double[] {0}, 1), f64(new double[] {1.5}, 1))
          .rsample(PhiloxStream.seeded(9), Shape.scalar());
      y.square().sum().backward();
      unbiased("StudentT d E[y^2] / d df = -2 scale^2 / (df - 2)^2", df, -2 * 2.25 / 25);
    }
  }
}
