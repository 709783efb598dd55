package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.estimators.Elbo;
import org.vae4j.core.estimators.Iwae;
import org.vae4j.core.estimators.LogLikelihood;
import org.vae4j.core.random.PhiloxStream;

/**
 * The ELBO, IWAE and log-likelihood estimators on {@link LinearGaussianModel}, whose log p(x) is known:
 * a=2, b=0.5, s=0.8, with the imperfect posterior q(z|x) = N(0.3 x, 0.5^2).
 */
public abstract class EstimatorContract extends BackendTestSupport {

  private LinearGaussianModel model() {
    assumeFloat64();
    return new LinearGaussianModel(f(), 2.0, 0.5, 0.8, 0.3, 0.0, 0.5);
  }

  private Tensor data(LinearGaussianModel m, int n, long seed) {
    return m.data(PhiloxStream.seeded(seed).normalDoubles(n));
  }

  @Test
  void elboMatchesItsClosedFormAndLiesBelowTheEvidence() {
    LinearGaussianModel m = model();
    int l = 20_000;
    try (Scope s = Scope.open()) {
      Tensor x = data(m, 8, 1);
      Elbo.Result r = Elbo.builder().samples(l).build().compute(m, x, PhiloxStream.seeded(2));
      double[] xs = x.toDoubleArray();
      double[] elbo = r.perExample().toDoubleArray();
      double[] recon = r.reconstruction().toDoubleArray();
      double[] kl = r.kl().toDoubleArray();
      assertThat(r.perExample().shape().dims()).containsExactly(8);
      for (int i = 0; i < xs.length; i++) {
        double se = m.logLikelihoodStd(xs[i]) / Math.sqrt(l);
        assertThat(recon[i]).as("E_q log p(x|z), example %d", i)
            .isCloseTo(m.expectedLogLikelihood(xs[i]), within(5 * se + 1e-12));
        assertThat(kl[i]).as("analytic KL, example %d", i).isCloseTo(m.klToPrior(xs[i]), within(1e-12));
        assertThat(elbo[i]).isCloseTo(recon[i] - kl[i], within(1e-12));
        assertThat(m.expectedLogLikelihood(xs[i]) - m.klToPrior(xs[i])).isLessThan(m.logEvidence(xs[i]));
        assertThat(elbo[i]).isLessThan(m.logEvidence(xs[i]));
      }
      assertThat(r.loss().item()).isCloseTo(-r.elbo(), within(1e-12));
    }
  }

  @Test
  void monteCarloKlAgreesWithTheAnalyticOne() {
    LinearGaussianModel m = model();
    int l = 50_000;
    try (Scope s = Scope.open()) {
      Tensor x = data(m, 4, 3);
      Elbo.Result r = Elbo.builder().samples(l).kl(Elbo.KlMode.MONTE_CARLO).build()
          .compute(m, x, PhiloxStream.seeded(4));
      double[] xs = x.toDoubleArray();
      double[] kl = r.kl().toDoubleArray();
      for (int i = 0; i < xs.length; i++) {
        // log q - log p = -log sigma - eps^2/2 + (mu + sigma eps)^2 / 2: its standard deviation in closed form
        double mu = m.qLoc(xs[i]);
        double sg = m.qScale();
        double sd = Math.sqrt(0.5 * Math.pow(sg * sg - 1, 2) + mu * mu * sg * sg);
        assertThat(kl[i]).as("Monte Carlo KL, example %d", i)
            .isCloseTo(m.klToPrior(xs[i]), within(5 * sd / Math.sqrt(l)));
      }
    }
  }

  @Test
  void iwaeTightensTowardsTheEvidenceAsKGrows() {
    LinearGaussianModel m = model();
    int[] ks = {1, 10, 100, 1000};
    double[] bounds = new double[ks.length];
    double evidence = 0;
    int n = 64;
    try (Scope s = Scope.open()) {
      Tensor x = data(m, n, 5);
      for (double xi : x.toDoubleArray()) {
        evidence += m.logEvidence(xi) / n;
      }
      for (int i = 0; i < ks.length; i++) {
        bounds[i] = new Iwae(ks[i]).compute(m, x, PhiloxStream.seeded(10 + i)).bound();
      }
      double ll = LogLikelihood.estimate(m, x, PhiloxStream.seeded(20), 5000, 500).mean().item();
      System.out.printf("IWAE on the linear-Gaussian model: log p(x) = %.5f; k=1 %.5f, k=10 %.5f, k=100 %.5f,"
          + " k=1000 %.5f; LogLikelihood k=5000 %.5f%n", evidence, bounds[0], bounds[1], bounds[2], bounds[3], ll);
      assertThat(bounds[0]).isLessThan(evidence);
      for (int i = 1; i < ks.length; i++) {
        assertThat(bounds[i]).as("IWAE k=%d vs k=%d", ks[i], ks[i - 1]).isGreaterThan(bounds[i - 1] - 0.01);
      }
      assertThat(evidence - bounds[0]).isGreaterThan(0.1);
      assertThat(evidence - bounds[3]).isLessThan(0.1 * (evidence - bounds[0]));
      assertThat(ll).isCloseTo(evidence, within(0.01));
    }
  }

  @Test
  void chunkingTheLogLikelihoodChangesOnlyTheMemoryUse() {
    LinearGaussianModel m = model();
    try (Scope s = Scope.open()) {
      Tensor x = data(m, 4, 6);
      // N * chunk is even, so the stream yields the same normal draws however the k samples are split
      Tensor whole = LogLikelihood.estimate(m, x, PhiloxStream.seeded(8), 20, 20);
      Tensor chunked = LogLikelihood.estimate(m, x, PhiloxStream.seeded(8), 20, 5);
      assertThat(chunked.toDoubleArray()).containsExactly(whole.toDoubleArray(), within(1e-12));
      assertThat(chunked.requiresGrad()).isFalse();
      Tensor iwae = new Iwae(20).compute(m, x, PhiloxStream.seeded(8)).perExample();
      assertThat(iwae.toDoubleArray()).containsExactly(whole.toDoubleArray(), within(1e-12));
      assertThat(iwae.requiresGrad()).isTrue();
    }
  }
}
