package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.distributions.AbstractDistribution;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Categorical;
import org.vae4j.core.distributions.ContinuousBernoulli;
import org.vae4j.core.distributions.Laplace;
import org.vae4j.core.distributions.LogNormal;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.distributions.OneHotCategorical;
import org.vae4j.core.distributions.Uniform;
import org.vae4j.core.kl.KlRegistry;

/**
 * The KL registry: every analytic rule against the Monte Carlo estimate (FLOAT64, {@value #N} draws,
 * within 5 standard errors of the per-draw log-ratio), {@code monteCarlo} against the same draws, the
 * most-specific-rule lookup with user rules, and the gradients of the rules against finite differences.
 */
public abstract class KlContract extends BackendTestSupport {
  static final int N = 100_000;

  private Tensor t(double... v) {
    return f64(v, v.length);
  }

  private void checkAgainstMonteCarlo(String what, Distribution p, Distribution q, long seed) {
    MonteCarloChecks.kl(what, p, q, seed, N);
  }

  @Test
  void analyticRulesAgreeWithMonteCarlo() {
    assumeFloat64();
    checkAgainstMonteCarlo("Normal/Normal", new Normal(t(0, 1), t(1, 0.5)), new Normal(t(0.5, -1), t(2, 1)), 1);
    checkAgainstMonteCarlo("Laplace/Laplace", new Laplace(t(0, 1), t(1, 0.5)), new Laplace(t(0.5, -1), t(2, 1)), 2);
    checkAgainstMonteCarlo("Normal/Laplace", new Normal(t(0, 1, -3), t(1, 0.5, 2)),
        new Laplace(t(0.5, -1, 4), t(2, 1, 0.7)), 3);
    checkAgainstMonteCarlo("LogNormal/LogNormal", new LogNormal(t(0, 1), t(0.3, 0.5)),
        new LogNormal(t(0.2, 0.5), t(0.4, 1)), 4);
    checkAgainstMonteCarlo("Bernoulli/Bernoulli", Bernoulli.fromLogits(t(-1, 2)), Bernoulli.fromLogits(t(0.5, -3)), 5);
    checkAgainstMonteCarlo("Categorical/Categorical", Categorical.fromLogits(t(0, 1, -1)),
        Categorical.fromLogits(t(1, 0, 0.5)), 6);
    checkAgainstMonteCarlo("OneHotCategorical pair", OneHotCategorical.fromLogits(t(0, 1, -1)),
        OneHotCategorical.fromLogits(t(1, 0, 0.5)), 7);
    checkAgainstMonteCarlo("ContinuousBernoulli pair", ContinuousBernoulli.fromLogits(t(-2, 1.5)),
        ContinuousBernoulli.fromLogits(t(1, 0.0005)), 8);
    checkAgainstMonteCarlo("Uniform/Uniform", new Uniform(t(0, -1), t(1, 1)), new Uniform(t(-0.5, -2), t(2, 1.5)), 9);
  }

  @Test
  void uniformKlIsInfiniteWhereTheSupportsDoNotNest() {
    assumeFloat64();
    try (Scope s = Scope.open()) {
      double[] kl = KlRegistry.kl(new Uniform(t(0, 0), t(1, 1)), new Uniform(t(0.5, -1), t(2, 0.5))).toDoubleArray();
      assertThat(kl).containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }
  }

  /** Test families: Special extends Base; the registry must prefer the rule closest to each class. */
  static class Base extends AbstractDistribution {
    final Tensor mark;

    Base(Tensor mark) {
      super(Shape.scalar(), Shape.scalar());
      this.mark = mark;
    }

    @Override
    public DType dtype() {
      return mark.dtype();
    }

    @Override
    public Tensor logProb(Tensor value) {
      return value.mul(0.0);
    }

    @Override
    public Tensor mean() {
      return mark;
    }

    @Override
    public Tensor variance() {
      return mark;
    }

    @Override
    public Tensor sample(RandomStream rng, Shape sampleShape) {
      return mark.expand(sampleShape);
    }
  }

  static final class Special extends Base {
    Special(Tensor mark) {
      super(mark);
    }
  }

  @Test
  void theMostSpecificRuleWinsAndUsersCanAddRules() {
    assumeFloat64();
    try (Scope s = Scope.open()) {
      Tensor m = t(0);
      KlRegistry.register(Base.class, Base.class, (p, q) -> p.mark.add(1.0));
      KlRegistry.register(Special.class, Base.class, (p, q) -> p.mark.add(2.0));
      assertThat(KlRegistry.kl(new Base(m), new Base(m)).item()).isEqualTo(1.0);
      assertThat(KlRegistry.kl(new Special(m), new Base(m)).item()).isEqualTo(2.0);
      assertThat(KlRegistry.kl(new Special(m), new Special(m)).item()).isEqualTo(2.0);
      assertThat(KlRegistry.kl(new Base(m), new Special(m)).item()).isEqualTo(1.0);
      assertThat(KlRegistry.hasRule(new Base(m), new Normal(m, 1.0))).isFalse();
    }
  }

  private void gradientCheck(String what, Function<Tensor[], Tensor> kl, double[]... values) {
    assumeFloat64();
    FiniteDifferences.checkVectors(what, f(), kl, values);
  }

  @Test
  void analyticRulesHaveCorrectGradients() {
    double[] loc = {0.3, -1.2};
    double[] scale = {0.7, 1.9};
    double[] loc2 = {-0.4, 0.8};
    double[] scale2 = {1.3, 0.6};
    gradientCheck("KL Normal/Normal", a -> KlRegistry.kl(new Normal(a[0], a[1]), new Normal(a[2], a[3])),
        loc, scale, loc2, scale2);
    gradientCheck("KL Laplace/Laplace", a -> KlRegistry.kl(new Laplace(a[0], a[1]), new Laplace(a[2], a[3])),
        loc, scale, loc2, scale2);
    gradientCheck("KL Normal/Laplace", a -> KlRegistry.kl(new Normal(a[0], a[1]), new Laplace(a[2], a[3])),
        loc, scale, loc2, scale2);
    gradientCheck("KL LogNormal/LogNormal",
        a -> KlRegistry.kl(new LogNormal(a[0], a[1]), new LogNormal(a[2], a[3])), loc, scale, loc2, scale2);
    gradientCheck("KL Bernoulli", a -> KlRegistry.kl(Bernoulli.fromLogits(a[0]), Bernoulli.fromLogits(a[1])),
        loc, loc2);
    gradientCheck("KL Categorical",
        a -> KlRegistry.kl(Categorical.fromLogits(a[0]), Categorical.fromLogits(a[1])), loc, loc2);
    gradientCheck("KL ContinuousBernoulli",
        a -> KlRegistry.kl(ContinuousBernoulli.fromLogits(a[0]), ContinuousBernoulli.fromLogits(a[1])), loc, loc2);
    gradientCheck("KL Uniform", a -> KlRegistry.kl(new Uniform(a[0], a[1]), new Uniform(a[2], a[3])),
        new double[] {0, -1}, new double[] {1, 1}, new double[] {-0.5, -2}, new double[] {2, 1.5});
  }
}
