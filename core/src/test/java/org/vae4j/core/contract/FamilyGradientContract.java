package org.vae4j.core.contract;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vae4j.api.Tensor;
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
import org.vae4j.core.kl.KlRegistry;

/**
 * Gradients of the new families' log-densities, moments, entropies and KL rules with respect to their
 * parameters (and values), FLOAT64, against central finite differences (see {@link FiniteDifferences}).
 * Entropies and KLs with digamma terms differentiate through trigamma.
 */
public abstract class FamilyGradientContract extends BackendTestSupport {
  private static final double[] A = {0.7, 2.5};
  private static final double[] B = {1.3, 0.6};
  private static final double[] C = {3.1, 0.9};
  private static final double[] D = {0.4, 1.7};

  private void check(String what, Function<Tensor[], Tensor> f, double[]... values) {
    assumeFloat64();
    FiniteDifferences.checkVectors(what, f(), f, values);
  }

  private Tensor t(double... v) {
    return f64(v, v.length);
  }

  @Test
  void logDensitiesHaveCorrectGradients() {
    check("Gamma.logProb", a -> new Gamma(a[0], a[1]).logProb(a[2]), A, B, new double[] {0.3, 2.2});
    check("Beta.logProb", a -> new Beta(a[0], a[1]).logProb(a[2]), A, B, new double[] {0.3, 0.8});
    check("Dirichlet.logProb", a -> new Dirichlet(a[0]).logProb(a[1].div(a[1].sum())), new double[] {0.7, 2, 1.4},
        new double[] {0.2, 0.5, 0.3});
    check("Exponential.logProb", a -> new Exponential(a[0]).logProb(a[1]), A, new double[] {0.3, 2.2});
    check("StudentT.logProb", a -> new StudentT(a[0], a[1], a[2]).logProb(a[3]), C, D, B, new double[] {1.5, -0.4});
    check("Poisson.logProb", a -> new Poisson(a[0]).logProb(t(0, 3)), A);
    check("Binomial.logProb", a -> Binomial.fromLogits(t(10, 4), a[0]).logProb(t(3, 4)), D);
    check("MultivariateNormal.logProb", a -> MultivariateNormal.fromScaleTril(a[0], a[1].reshape(2, 2)
        .mul(t(1, 0, 1, 1).reshape(2, 2))).logProb(a[2]), D, new double[] {1.2, 0, 0.4, 0.7}, B);
    check("MultivariateNormal.fromCovariance.logProb", a -> MultivariateNormal.fromCovariance(a[0],
        a[1].reshape(2, 2).add(a[1].reshape(2, 2).transpose(0, 1)).mul(0.5)).logProb(a[2]), D,
        new double[] {2, 0.5, 0.5, 1}, B);
  }

  @Test
  void momentsAndEntropiesHaveCorrectGradients() {
    check("Gamma entropy", a -> new Gamma(a[0], a[1]).entropy(), A, B);
    check("Beta entropy, mean and variance", a -> {
      Beta b = new Beta(a[0], a[1]);
      return b.entropy().add(b.mean()).add(b.variance());
    }, A, B);
    check("Dirichlet entropy and variance",
        a -> new Dirichlet(a[0]).entropy().add(new Dirichlet(a[0]).variance().sum()), new double[] {0.7, 2, 1.4});
    check("StudentT entropy", a -> new StudentT(a[0], t(0, 1), a[1]).entropy(), C, B);
    check("MultivariateNormal entropy", a -> MultivariateNormal.fromScaleTril(t(0, 0), a[0].reshape(2, 2)
        .mul(t(1, 0, 1, 1).reshape(2, 2))).entropy(), new double[] {1.2, 0, 0.4, 0.7});
    check("ContinuousBernoulli mean and variance (series and closed form)", a -> {
      ContinuousBernoulli cb = ContinuousBernoulli.fromLogits(a[0]);
      return cb.mean().add(cb.variance());
    }, new double[] {0.003, -0.2, 0.9, 1.3, -4});
  }

  @Test
  void newKlRulesHaveCorrectGradients() {
    check("KL Gamma/Gamma", a -> KlRegistry.kl(new Gamma(a[0], a[1]), new Gamma(a[2], a[3])), A, B, C, D);
    check("KL Beta/Beta", a -> KlRegistry.kl(new Beta(a[0], a[1]), new Beta(a[2], a[3])), A, B, C, D);
    check("KL Dirichlet/Dirichlet", a -> KlRegistry.kl(new Dirichlet(a[0]), new Dirichlet(a[1])), A, C);
    check("KL Exponential/Exponential", a -> KlRegistry.kl(new Exponential(a[0]), new Exponential(a[1])), A, B);
    check("KL Poisson/Poisson", a -> KlRegistry.kl(new Poisson(a[0]), new Poisson(a[1])), A, B);
    check("KL Binomial/Binomial", a -> KlRegistry.kl(Binomial.fromLogits(t(5, 5), a[0]),
        Binomial.fromLogits(t(5, 5), a[1])), D, B);
    check("KL MultivariateNormal pair", a -> {
      Tensor lower = t(1, 0, 1, 1).reshape(2, 2);
      return KlRegistry.kl(MultivariateNormal.fromScaleTril(a[0], a[1].reshape(2, 2).mul(lower)),
          MultivariateNormal.fromScaleTril(a[2], a[3].reshape(2, 2).mul(lower)));
    }, D, new double[] {1.2, 0, 0.4, 0.7}, B, new double[] {0.8, 0, -0.3, 1.5});
    check("KL Beta/Normal", a -> KlRegistry.kl(new Beta(a[0], a[1]), new Normal(a[2], a[3])), A, B, D, C);
    check("KL Gamma/Normal", a -> KlRegistry.kl(new Gamma(a[0], a[1]), new Normal(a[2], a[3])), A, B, D, C);
    check("KL Laplace/Normal", a -> KlRegistry.kl(new Laplace(a[0], a[1]), new Normal(a[2], a[3])), D, B, A, C);
    check("KL Uniform/Normal", a -> KlRegistry.kl(new Uniform(a[0], a[0].add(a[1])), new Normal(a[2], a[3])), D, B,
        A, C);
    check("KL Beta/Gamma", a -> KlRegistry.kl(new Beta(a[0], a[1]), new Gamma(a[2], a[3])), A, B, C, D);
    check("KL Exponential/Gamma", a -> KlRegistry.kl(new Exponential(a[0]), new Gamma(a[1], a[2])), A, C, D);
    check("KL Uniform/Gamma", a -> KlRegistry.kl(new Uniform(a[0], a[0].add(a[1])), new Gamma(a[2], a[3])), D, B,
        C, A);
    check("KL Uniform/Beta", a -> KlRegistry.kl(new Uniform(t(0.1, 0.2), t(0.7, 0.9)), new Beta(a[0], a[1])), A, B);
    check("KL Beta/ContinuousBernoulli", a -> KlRegistry.kl(new Beta(a[0], a[1]), ContinuousBernoulli.fromLogits(a[2])),
        A, B, D);
    check("KL ContinuousBernoulli/Exponential", a -> KlRegistry.kl(ContinuousBernoulli.fromLogits(a[0]),
        new Exponential(a[1])), D, A);
  }
}
