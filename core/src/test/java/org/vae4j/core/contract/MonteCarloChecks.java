package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.kl.KlRegistry;
import org.vae4j.core.random.PhiloxStream;

/**
 * Sampling checks shared by the distribution and KL suites, in FLOAT64 with {@code n} draws: sample means
 * and variances within 5 standard errors of {@code mean()} and {@code variance()} (standard errors from
 * the sample's own second and fourth moments), {@code -mean(logProb(x))} within 5 standard errors of
 * {@code entropy()}, and an analytic KL within 5 standard errors of the per-draw log-ratio.
 */
final class MonteCarloChecks {
  private MonteCarloChecks() {
  }

  static void moments(String what, Distribution d, long seed, int n) {
    try (Scope s = Scope.open()) {
      Tensor x = d.sample(PhiloxStream.seeded(seed), Shape.of(n));
      Shape elem = d.batchShape().append(d.eventShape());
      assertThat(x.shape()).as("%s sample shape", what).isEqualTo(elem.prepend(n));
      double[] v = x.toDoubleArray();
      double[] mean = d.mean().expand(elem).toDoubleArray();
      double[] var = d.variance().expand(elem).toDoubleArray();
      int m = mean.length;
      for (int j = 0; j < m; j++) {
        double s1 = 0;
        for (int i = 0; i < n; i++) {
          s1 += v[i * m + j];
        }
        double mu = s1 / n;
        double s2 = 0;
        double s4 = 0;
        for (int i = 0; i < n; i++) {
          double c = v[i * m + j] - mu;
          s2 += c * c;
          s4 += c * c * c * c;
        }
        double sampleVar = s2 / (n - 1);
        double seMean = Math.sqrt(sampleVar / n);
        double seVar = Math.sqrt(Math.max(s4 / n - sampleVar * sampleVar, 0) / n);
        assertThat(mu).as("%s mean [%d]", what, j).isCloseTo(mean[j], within(5 * seMean + 1e-12));
        assertThat(sampleVar).as("%s variance [%d]", what, j).isCloseTo(var[j], within(5 * seVar + 1e-12));
      }
    }
  }

  static void entropy(String what, Distribution d, long seed, int n) {
    try (Scope s = Scope.open()) {
      Tensor x = d.sample(PhiloxStream.seeded(seed), Shape.of(n));
      double[] lp = d.logProb(x).toDoubleArray();
      double[] h = d.entropy().toDoubleArray();
      int m = h.length;
      for (int j = 0; j < m; j++) {
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
          s1 -= lp[i * m + j];
          s2 += lp[i * m + j] * lp[i * m + j];
        }
        double mc = s1 / n;
        double se = Math.sqrt(Math.max(s2 / n - mc * mc, 0) / n);
        assertThat(mc).as("%s entropy [%d]", what, j).isCloseTo(h[j], within(5 * se + 1e-12));
      }
    }
  }

  /** The analytic KL against the mean log-ratio of {@code n} draws, and {@code monteCarlo} on the same draws. */
  static void kl(String what, Distribution p, Distribution q, long seed, int n) {
    try (Scope s = Scope.open()) {
      Tensor z = p.sample(PhiloxStream.seeded(seed), Shape.of(n));
      double[] diff = p.logProb(z).sub(q.logProb(z)).toDoubleArray();
      double[] kl = KlRegistry.kl(p, q).toDoubleArray();
      double[] mc = KlRegistry.monteCarlo(p, q, PhiloxStream.seeded(seed), n).toDoubleArray();
      int m = kl.length;
      for (int j = 0; j < m; j++) {
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
          s1 += diff[i * m + j];
          s2 += diff[i * m + j] * diff[i * m + j];
        }
        double mean = s1 / n;
        double se = Math.sqrt(Math.max(s2 / n - mean * mean, 0) / n);
        assertThat(mc[j]).as("%s monteCarlo [%d] on the same draws", what, j).isCloseTo(mean, within(1e-9));
        assertThat(kl[j]).as("%s analytic vs Monte Carlo [%d]", what, j).isCloseTo(mean, within(5 * se + 1e-12));
      }
    }
  }
}
