package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vae4j.api.Shape;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Beta;
import org.vae4j.core.distributions.Binomial;
import org.vae4j.core.distributions.Categorical;
import org.vae4j.core.distributions.ContinuousBernoulli;
import org.vae4j.core.distributions.Dirichlet;
import org.vae4j.core.distributions.Exponential;
import org.vae4j.core.distributions.Gamma;
import org.vae4j.core.distributions.Independent;
import org.vae4j.core.distributions.Laplace;
import org.vae4j.core.distributions.LogNormal;
import org.vae4j.core.distributions.MixtureSameFamily;
import org.vae4j.core.distributions.MultivariateNormal;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.distributions.OneHotCategorical;
import org.vae4j.core.distributions.Poisson;
import org.vae4j.core.distributions.RelaxedOneHotCategorical;
import org.vae4j.core.distributions.StudentT;
import org.vae4j.core.distributions.Uniform;
import org.vae4j.core.distributions.Validation;
import org.vae4j.core.kl.KlRegistry;
import org.vae4j.core.random.PhiloxStream;

/** Every documented bad argument raises the documented error, with its message; the switch turns checks off. */
public abstract class DistributionValidationContract extends BackendTestSupport {

  @AfterEach
  void restoreValidation() {
    Validation.setEnabled(true);
  }

  private double[] d(double... v) {
    return v;
  }

  @Test
  void nonPositiveScalesAreRejectedWithTheirIndex() {
    assertThatThrownBy(() -> new Normal(f32(d(0, 0, 0, 0), 4), f32(d(1, 2, 3, -1), 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Normal: scale must be > 0, got -1.0 at index 3");
    assertThatThrownBy(() -> new Normal(f32(d(0, 0, 0, 0), 2, 2), f32(d(1, 2, 0, 1), 2, 2)))
        .hasMessage("Normal: scale must be > 0, got 0.0 at index (1, 0)");
    assertThatThrownBy(() -> new Laplace(f32(d(0), 1), f32(d(Double.NaN), 1)))
        .hasMessage("Laplace: scale must be > 0, got NaN at index 0");
    assertThatThrownBy(() -> new LogNormal(f32(d(0), 1), f32(d(-2), 1)))
        .hasMessage("Normal: scale must be > 0, got -2.0 at index 0");
  }

  @Test
  void probabilitiesOutsideTheUnitIntervalAreRejected() {
    assertThatThrownBy(() -> Bernoulli.fromProbs(f32(d(0.5, 1.5), 2)))
        .hasMessage("Bernoulli: probs must be in [0, 1], got 1.5 at index 1");
    assertThatThrownBy(() -> ContinuousBernoulli.fromProbs(f32(d(-0.25), 1)))
        .hasMessage("ContinuousBernoulli: probs must be in [0, 1], got -0.25 at index 0");
    assertThatThrownBy(() -> Categorical.fromProbs(f32(d(0.5, -0.5, 1), 3)))
        .hasMessage("Categorical: probs must be >= 0, got -0.5 at index 1");
  }

  @Test
  void shapesThatDoNotBroadcastAreRejected() {
    assertThatThrownBy(() -> new Normal(f32(d(0, 0), 2), f32(d(1, 1, 1), 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Normal: parameter shapes do not broadcast: loc (2), scale (3)");
    assertThatThrownBy(() -> new Uniform(f32(d(0, 0), 2), f32(d(1, 1, 1), 3)))
        .hasMessage("Uniform: parameter shapes do not broadcast: low (2), high (3)");
    assertThatThrownBy(() -> new Normal(f32(d(0, 0), 2), f32(d(1, 1), 2)).logProb(f32(d(1, 2, 3), 3)))
        .hasMessage("Normal.logProb: value of shape (3) does not broadcast with batch ++ event shape (2)");
    assertThatThrownBy(() -> new Independent(new Normal(f32(d(0, 0), 2), 1.0), 2))
        .hasMessage("Independent: reinterpretedBatchDims must be in [0, 1] for Normal with batch shape (2), got 2");
    assertThatThrownBy(() -> new MixtureSameFamily(Categorical.fromLogits(f32(d(0, 0), 2)),
        new Normal(f32(d(0, 0, 0), 3), 1.0)))
        .hasMessage("MixtureSameFamily: the components' batch shape must be the mixture's () followed by its 2"
            + " categories, i.e. (2), got (3)");
  }

  @Test
  void nanAndInfiniteParametersAreRejectedWithTheParameterNamed() {
    assertThatThrownBy(() -> new Normal(f32(d(0, Double.NaN), 2), f32(d(1, 1), 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("Normal: loc must be finite, got NaN at index 1");
    assertThatThrownBy(() -> new Normal(f32(d(0), 1), f32(d(Double.POSITIVE_INFINITY), 1)))
        .hasMessage("Normal: scale must be finite, got Infinity at index 0");
    assertThatThrownBy(() -> new Laplace(f32(d(Double.NEGATIVE_INFINITY), 1), f32(d(1), 1)))
        .hasMessage("Laplace: loc must be finite, got -Infinity at index 0");
    assertThatThrownBy(() -> Categorical.fromLogits(f32(d(0, Double.NaN, 1), 3)))
        .hasMessage("Categorical: logits must be below +inf and not NaN, got NaN at index 1");
    double ninf = Double.NEGATIVE_INFINITY;
    assertThatThrownBy(() -> Categorical.fromLogits(f32(d(0, ninf, ninf, ninf), 2, 2)))
        .hasMessage("Categorical: every row of logits needs a category of positive probability, but row 1 has no"
            + " logit above -inf");
    assertThatThrownBy(() -> Categorical.fromProbs(f32(d(0.5, 0.5, 0, 0), 2, 2)))
        .hasMessage("Categorical: every row of probs needs a category of positive probability, but row 1 sums"
            + " to 0");
    assertThat(Categorical.fromLogits(f32(d(0, ninf), 2)).probs().toDoubleArray())
        .as("a single -inf logit is a category of probability 0").containsExactly(1.0, 0.0);
    assertThatThrownBy(() -> new Uniform(f32(d(Double.NaN), 1), f32(d(1), 1)))
        .hasMessage("Uniform: low must be finite, got NaN at index 0");
  }

  @Test
  void theNewFamiliesNameTheOffendingParameterAndValue() {
    assertThatThrownBy(() -> new Gamma(f32(d(1, -1), 2), f32(d(1, 1), 2)))
        .hasMessage("Gamma: concentration must be > 0, got -1.0 at index 1");
    assertThatThrownBy(() -> new Gamma(f32(d(1), 1), f32(d(Double.POSITIVE_INFINITY), 1)))
        .hasMessage("Gamma: rate must be finite, got Infinity at index 0");
    assertThatThrownBy(() -> new Gamma(f32(d(1), 1), f32(d(1), 1)).logProb(f32(d(-0.5), 1)))
        .hasMessage("Gamma: value must be >= 0, got -0.5 at index 0");
    assertThatThrownBy(() -> new Beta(f32(d(0), 1), f32(d(1), 1)))
        .hasMessage("Beta: concentration1 must be > 0, got 0.0 at index 0");
    assertThatThrownBy(() -> new Beta(f32(d(1), 1), f32(d(1), 1)).logProb(f32(d(1.5), 1)))
        .hasMessage("Beta: value must be in [0, 1], got 1.5 at index 0");
    assertThatThrownBy(() -> new Dirichlet(f32(d(1), 1).reshape()))
        .hasMessage("Dirichlet: concentration must have a last axis of K categories, got shape ()");
    assertThatThrownBy(() -> new Dirichlet(f32(d(1, 1), 2)).logProb(f32(d(0.5, 0.6), 2)))
        .hasMessageStartingWith("Dirichlet: value row sum must be 1 (a point of the simplex), got 1.1");
    assertThatThrownBy(() -> new Exponential(f32(d(1), 1)).logProb(f32(d(-1), 1)))
        .hasMessage("Exponential: value must be >= 0, got -1.0 at index 0");
    assertThatThrownBy(() -> new StudentT(f32(d(0), 1), f32(d(0), 1), f32(d(1), 1)))
        .hasMessage("StudentT: df must be > 0, got 0.0 at index 0");
    assertThatThrownBy(() -> new Poisson(f32(d(-1), 1)))
        .hasMessage("Poisson: rate must be >= 0, got -1.0 at index 0");
    assertThatThrownBy(() -> new Poisson(f32(d(1), 1)).logProb(f32(d(1.5), 1)))
        .hasMessage("Poisson: value must be a nonnegative integer, got 1.5 at index 0");
    assertThatThrownBy(() -> Binomial.fromLogits(f32(d(2.5), 1), f32(d(0), 1)))
        .hasMessage("Binomial: totalCount must be a nonnegative integer, got 2.5 at index 0");
    assertThatThrownBy(() -> Binomial.fromLogits(f32(d(3), 1), f32(d(0), 1)).logProb(f32(d(4), 1)))
        .hasMessage("Binomial: value must be an integer in [0, totalCount], got 4.0 at index 0");
    assertThatThrownBy(() -> MultivariateNormal.fromScaleTril(f32(d(0, 0), 2), f32(d(1, 0.5, 0, 1), 2, 2)))
        .hasMessage("MultivariateNormal: scaleTril above the diagonal must be 0 (a lower-triangular factor), got"
            + " 0.5 at index (0, 1)");
    assertThatThrownBy(() -> MultivariateNormal.fromScaleTril(f32(d(0, 0), 2), f32(d(1, 0, 0.5, -1), 2, 2)))
        .hasMessage("MultivariateNormal: scaleTril diagonal must be > 0, got -1.0 at index 1");
    assertThatThrownBy(() -> MultivariateNormal.fromCovariance(f32(d(0, 0), 2), f32(d(1, 2, 2, 1), 2, 2)))
        .hasMessage("MultivariateNormal: covariance's Cholesky pivot must be > 0 (a positive-definite matrix),"
            + " got -3.0 at index 1");
    assertThatThrownBy(() -> MultivariateNormal.fromCovariance(f32(d(0, 0), 2), f32(d(1, 0.5, 0, 1), 2, 2)))
        .hasMessage("MultivariateNormal: covariance - covariance^T must be 0 (a symmetric matrix), got 0.5 at"
            + " index (0, 1)");
  }

  @Test
  void lowNotBelowHighIsRejected() {
    assertThatThrownBy(() -> new Uniform(f32(d(0, 2), 2), f32(d(1, 2), 2)))
        .hasMessage("Uniform: low must be < high, got 2.0 at index 1");
  }

  @Test
  void valuesOutsideTheSupportAreRejectedByLogProb() {
    assertThatThrownBy(() -> Bernoulli.fromLogits(f32(d(0, 0), 2)).logProb(f32(d(1, 1.5), 2)))
        .hasMessage("Bernoulli: value must be in [0, 1], got 1.5 at index 1");
    assertThat(Bernoulli.fromLogits(f32(d(0), 1)).logProb(f32(d(0.25), 1)).toDoubleArray()[0])
        .as("grey levels give minus the binary cross-entropy").isCloseTo(-Math.log(2), within(1e-6));
    assertThatThrownBy(() -> new Uniform(f32(d(0, -2), 2), f32(d(1, 3), 2)).logProb(f32(d(0.5, 5), 2)))
        .hasMessage("Uniform: value must be in the support [low, high] = [-2.0, 3.0], got 5.0 at index 1");
    assertThat(new Uniform(f32(d(0, -2), 2), f32(d(1, 3), 2)).logProb(f32(d(1, -2), 2)).toDoubleArray())
        .as("the support is closed, as torch: log_prob at high is -inf, at low log(1 / (high - low))")
        .containsExactly(new double[] {Double.NEGATIVE_INFINITY, -Math.log(5)}, within(1e-6));
    assertThatThrownBy(() -> Categorical.fromLogits(f32(d(0, 0, 0), 3)).logProb(i32(new int[] {0, 3}, 2)))
        .hasMessage("Categorical: value must be an integer in [0, 3), got 3.0 at index 1");
    assertThatThrownBy(() -> Categorical.fromLogits(f32(d(0, 0, 0), 3)).logProb(f32(d(1.5), 1)))
        .hasMessage("Categorical: value must be an integer in [0, 3), got 1.5 at index 0");
    assertThatThrownBy(() -> new LogNormal(f32(d(0), 1), f32(d(1), 1)).logProb(f32(d(-1), 1)))
        .hasMessage("LogNormal: value must be > 0, got -1.0 at index 0");
    assertThatThrownBy(() -> ContinuousBernoulli.fromLogits(f32(d(0.3), 1)).logProb(f32(d(1.25), 1)))
        .hasMessage("ContinuousBernoulli: value must be in [0, 1], got 1.25 at index 0");
    assertThatThrownBy(() -> OneHotCategorical.fromLogits(f32(d(0, 0), 2)).logProb(f32(d(1, 1), 2)))
        .hasMessage("OneHotCategorical: value row sum must be 1 (exactly one hot entry), got 2.0 at index 0");
  }

  @Test
  void missingFeaturesNameTheFamily() {
    assertThatThrownBy(() -> Bernoulli.fromLogits(f32(d(0), 1)).rsample(PhiloxStream.seeded(1), Shape.scalar()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageStartingWith("Bernoulli has no reparameterized sampler (rsample)");
    MixtureSameFamily mix = new MixtureSameFamily(Categorical.fromLogits(f32(d(0, 0), 2)),
        new Normal(f32(d(0, 1), 2), 1.0));
    assertThatThrownBy(mix::entropy).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageStartingWith("MixtureSameFamily has no closed-form entropy");
    RelaxedOneHotCategorical r = RelaxedOneHotCategorical.fromLogits(0.5, f32(d(0, 0), 2));
    assertThatThrownBy(r::entropy).hasMessageStartingWith("RelaxedOneHotCategorical has no closed-form entropy");
    assertThatThrownBy(() -> RelaxedOneHotCategorical.fromLogits(0, f32(d(0, 0), 2)))
        .hasMessage("RelaxedOneHotCategorical: temperature must be > 0 and finite, got 0.0");
  }

  @Test
  void klWithoutARuleNamesBothFamiliesAndTheMonteCarloFallback() {
    Normal n = new Normal(f32(d(0), 1), 1.0);
    Bernoulli b = Bernoulli.fromLogits(f32(d(0), 1));
    assertThatThrownBy(() -> KlRegistry.kl(b, n)).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageStartingWith("KL(Bernoulli || Normal): no analytic rule is registered for this pair. Use the"
            + " Monte Carlo estimate KlRegistry.monteCarlo(p, q, rng, samples)");
    Independent p = new Independent(new Normal(f32(d(0, 0), 1, 2), 1.0), 1);
    Independent q = new Independent(new Normal(f32(d(0, 0), 1, 2), 1.0), 2);
    assertThatThrownBy(() -> KlRegistry.kl(p, q))
        .hasMessage("KL(Independent(Normal, 1) || Independent(Normal, 2)): the two reinterpret 1 and 2 batch axes;"
            + " both must reinterpret the same number");
  }

  @Test
  void theSwitchTurnsEveryCheckOff() {
    assertThat(Validation.isEnabled()).isTrue();
    assertThat(Validation.setEnabled(false)).isTrue();
    Normal n = new Normal(f32(d(0), 1), f32(d(-1), 1));
    assertThat(n.scale().toDoubleArray()).containsExactly(-1.0);
    assertThat(Bernoulli.fromLogits(f32(d(0), 1)).logProb(f32(d(2), 1)).toDoubleArray()[0])
        .isCloseTo(-Math.log(2), within(1e-6));
    assertThat(new Uniform(f32(d(0), 1), f32(d(1), 1)).logProb(f32(d(2), 1)).toDoubleArray()[0])
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }
}
