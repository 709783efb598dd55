package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Beta;
import org.vae4j.core.distributions.Binomial;
import org.vae4j.core.distributions.ContinuousBernoulli;
import org.vae4j.core.distributions.Dirichlet;
import org.vae4j.core.distributions.Exponential;
import org.vae4j.core.distributions.Gamma;
import org.vae4j.core.distributions.Laplace;
import org.vae4j.core.distributions.MultivariateNormal;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.distributions.Poisson;
import org.vae4j.core.distributions.StudentT;
import org.vae4j.core.distributions.Uniform;
import org.vae4j.core.random.PhiloxStream;

/**
 * The families of issue 14 against their closed forms by sampling, FLOAT64, {@value #N} draws, 5 standard
 * errors (see {@link MonteCarloChecks}): moments and entropy of every sampler (the gamma's at small and
 * large shape, the Poisson's and binomial's inversion and rejection branches), the multivariate normal's
 * covariance, and every new finite KL rule against the Monte Carlo estimate.
 */
public abstract class FamilySamplingContract extends BackendTestSupport {
  static final int N = 100_000;

  private Tensor t(double... v) {
    return f64(v, v.length);
  }

  @Test
  void continuousSamplersMatchMomentsAndEntropy() {
    assumeFloat64();
    Distribution exponential = new Exponential(t(0.5, 3));
    MonteCarloChecks.moments("Exponential", exponential, 1, N);
    MonteCarloChecks.entropy("Exponential", exponential, 2, N);
    Distribution gamma = new Gamma(t(0.05, 0.7, 1, 4.5, 60), t(1, 2, 0.5, 3, 10));
    MonteCarloChecks.moments("Gamma", gamma, 3, N);
    MonteCarloChecks.entropy("Gamma", gamma, 4, N);
    Distribution beta = new Beta(t(0.3, 2, 5), t(0.6, 2, 1.5));
    MonteCarloChecks.moments("Beta", beta, 5, N);
    MonteCarloChecks.entropy("Beta", beta, 6, N);
    Distribution dirichlet = new Dirichlet(f64(new double[] {0.5, 1, 3, 2, 2, 0.2}, 2, 3));
    MonteCarloChecks.moments("Dirichlet", dirichlet, 7, N);
    MonteCarloChecks.entropy("Dirichlet", dirichlet, 8, N);
    Distribution studentT = new StudentT(t(9, 30), t(1, -2), t(0.5, 3));
    MonteCarloChecks.moments("StudentT", studentT, 9, N);
    MonteCarloChecks.entropy("StudentT", studentT, 10, N);
    Distribution mvn = MultivariateNormal.fromScaleTril(f64(new double[] {1, -1, 0.5}, 3),
        f64(new double[] {1, 0, 0, 0.5, 2, 0, -0.3, 0.8, 0.7}, 3, 3));
    MonteCarloChecks.moments("MultivariateNormal", mvn, 11, N);
    MonteCarloChecks.entropy("MultivariateNormal", mvn, 12, N);
  }

  @Test
  void countSamplersMatchMomentsOnEveryBranch() {
    assumeFloat64();
    Distribution poisson = new Poisson(t(0.5, 3, 9.9, 10, 50, 1000));
    MonteCarloChecks.moments("Poisson", poisson, 21, N);
    Distribution binomial = Binomial.fromProbs(t(10, 200, 200, 1000, 7), t(0.3, 0.4, 0.9, 0.02, 0.999));
    MonteCarloChecks.moments("Binomial", binomial, 22, N);
    MonteCarloChecks.entropy("Binomial n = 40", Binomial.fromLogits(t(40, 40), t(-2, 0.5)), 23, N);
  }

  @Test
  void multivariateNormalSamplesHaveTheCovariance() {
    assumeFloat64();
    try (Scope s = Scope.open()) {
      MultivariateNormal mvn = MultivariateNormal.fromCovariance(f64(new double[] {0, 3}, 2),
          f64(new double[] {2, -1.2, -1.2, 1.5}, 2, 2));
      double[] x = mvn.sample(PhiloxStream.seeded(31), Shape.of(N)).toDoubleArray();
      double s01 = 0;
      double s0 = 0;
      double s1 = 0;
      for (int i = 0; i < N; i++) {
        s0 += x[2 * i];
        s1 += x[2 * i + 1];
      }
      s0 /= N;
      s1 /= N;
      double sq = 0;
      for (int i = 0; i < N; i++) {
        double c = (x[2 * i] - s0) * (x[2 * i + 1] - s1);
        s01 += c;
        sq += c * c;
      }
      double cov = s01 / (N - 1);
      double se = Math.sqrt((sq / N - cov * cov) / N);
      assertThat(cov).isCloseTo(-1.2, within(5 * se));
      assertThat(mvn.covariance().toDoubleArray()).containsExactly(new double[] {2, -1.2, -1.2, 1.5}, within(1e-12));
    }
  }

  @Test
  void newKlRulesAgreeWithMonteCarlo() {
    assumeFloat64();
    MonteCarloChecks.kl("Gamma/Gamma", new Gamma(t(0.7, 3), t(1, 2)), new Gamma(t(1.5, 2), t(0.5, 3)), 41, N);
    MonteCarloChecks.kl("Beta/Beta", new Beta(t(0.7, 3), t(2, 1)), new Beta(t(1.5, 2), t(0.5, 3)), 42, N);
    MonteCarloChecks.kl("Dirichlet/Dirichlet", new Dirichlet(t(0.7, 3, 2)), new Dirichlet(t(1.5, 2, 1)), 43, N);
    MonteCarloChecks.kl("Exponential/Exponential", new Exponential(t(0.7, 3)), new Exponential(t(2, 1)), 44, N);
    MonteCarloChecks.kl("MultivariateNormal pair",
        MultivariateNormal.fromScaleTril(t(0, 1), f64(new double[] {1, 0, 0.5, 0.8}, 2, 2)),
        MultivariateNormal.fromScaleTril(t(0.5, -1), f64(new double[] {2, 0, -0.4, 1.2}, 2, 2)), 45, N);
    MonteCarloChecks.kl("Poisson/Poisson", new Poisson(t(0.7, 30)), new Poisson(t(2, 25)), 46, N);
    MonteCarloChecks.kl("Binomial/Binomial", Binomial.fromLogits(t(10, 30), t(0.3, -1)),
        Binomial.fromLogits(t(10, 30), t(-0.5, 0.2)), 47, N);
    Normal normal = new Normal(t(0.5, -1), t(1.5, 0.7));
    MonteCarloChecks.kl("Beta/Normal", new Beta(t(0.7, 3), t(2, 1)), normal, 48, N);
    MonteCarloChecks.kl("ContinuousBernoulli/Normal", ContinuousBernoulli.fromLogits(t(-2, 0.7)), normal, 49, N);
    MonteCarloChecks.kl("Exponential/Normal", new Exponential(t(0.7, 3)), normal, 50, N);
    MonteCarloChecks.kl("Gamma/Normal", new Gamma(t(0.7, 3), t(1, 2)), normal, 51, N);
    MonteCarloChecks.kl("Laplace/Normal", new Laplace(t(0, 1), t(0.5, 2)), normal, 52, N);
    MonteCarloChecks.kl("Uniform/Normal", new Uniform(t(-1, 0), t(2, 0.5)), normal, 53, N);
    Exponential exponential = new Exponential(t(0.8, 2.5));
    MonteCarloChecks.kl("Beta/Exponential", new Beta(t(0.7, 3), t(2, 1)), exponential, 54, N);
    MonteCarloChecks.kl("ContinuousBernoulli/Exponential", ContinuousBernoulli.fromLogits(t(-2, 0.7)), exponential,
        55, N);
    MonteCarloChecks.kl("Gamma/Exponential", new Gamma(t(0.7, 3), t(1, 2)), exponential, 56, N);
    MonteCarloChecks.kl("Uniform/Exponential", new Uniform(t(0, 1), t(2, 1.5)), exponential, 57, N);
    Gamma gamma = new Gamma(t(0.5, 2.5), t(2, 1.5));
    MonteCarloChecks.kl("Beta/Gamma", new Beta(t(0.7, 3), t(2, 1)), gamma, 58, N);
    MonteCarloChecks.kl("Exponential/Gamma", new Exponential(t(0.7, 3)), gamma, 59, N);
    MonteCarloChecks.kl("Uniform/Gamma (from 0)", new Uniform(t(0, 0.2), t(1, 1.5)), gamma, 60, N);
    Beta beta = new Beta(t(2, 0.7), t(3, 1.2));
    MonteCarloChecks.kl("Uniform/Beta (up to 1)", new Uniform(t(0.1, 0), t(0.9, 1)), beta, 61, N);
    ContinuousBernoulli cb = ContinuousBernoulli.fromLogits(t(0.7, -1.5));
    MonteCarloChecks.kl("Beta/ContinuousBernoulli", new Beta(t(0.7, 3), t(2, 1)), cb, 62, N);
    MonteCarloChecks.kl("Uniform/ContinuousBernoulli (0 to 1)", new Uniform(t(0.1, 0), t(0.9, 1)), cb, 63, N);
    Uniform cover = new Uniform(t(-0.5, 0), t(1.5, 1));
    MonteCarloChecks.kl("Beta/Uniform", new Beta(t(0.7, 3), t(2, 1)), cover, 64, N);
    MonteCarloChecks.kl("ContinuousBernoulli/Uniform (0 to 1)", ContinuousBernoulli.fromLogits(t(-2, 0.7)), cover,
        65, N);
    MonteCarloChecks.kl("Bernoulli/Poisson", Bernoulli.fromLogits(t(-1, 2)), new Poisson(t(0.5, 3)), 66, N);
  }
}
