package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Categorical;
import org.vae4j.core.distributions.ContinuousBernoulli;
import org.vae4j.core.distributions.Delta;
import org.vae4j.core.distributions.Independent;
import org.vae4j.core.distributions.Laplace;
import org.vae4j.core.distributions.LogNormal;
import org.vae4j.core.distributions.MixtureSameFamily;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.distributions.OneHotCategorical;
import org.vae4j.core.distributions.RelaxedOneHotCategorical;
import org.vae4j.core.distributions.Uniform;
import org.vae4j.core.random.PhiloxStream;

/**
 * Samplers against the closed forms, in FLOAT64 with {@value #N} draws (see {@link MonteCarloChecks}): the
 * sample mean and variance of every element within 5 standard errors of {@code mean()} and
 * {@code variance()}, and {@code -mean(logProb(x))} within 5 standard errors of {@code entropy()}.
 */
public abstract class DistributionSamplingContract extends BackendTestSupport {
  static final int N = 100_000;

  private Tensor t(double... v) {
    return f64(v, v.length);
  }

  private void checkMoments(String what, Distribution d, long seed) {
    MonteCarloChecks.moments(what, d, seed, N);
  }

  private void checkEntropy(String what, Distribution d, long seed) {
    MonteCarloChecks.entropy(what, d, seed, N);
  }

  @Test
  void continuousFamiliesMatchTheirMomentsAndEntropy() {
    assumeFloat64();
    Distribution normal = new Normal(t(0.5, -2), t(1.5, 0.1));
    checkMoments("Normal", normal, 1);
    checkEntropy("Normal", normal, 2);
    Distribution laplace = new Laplace(t(0, 1), t(0.5, 2));
    checkMoments("Laplace", laplace, 3);
    checkEntropy("Laplace", laplace, 4);
    Distribution logNormal = new LogNormal(t(0, -1), t(0.3, 0.5));
    checkMoments("LogNormal", logNormal, 5);
    checkEntropy("LogNormal", logNormal, 6);
    Distribution uniform = new Uniform(t(-1, 2), t(1, 5));
    checkMoments("Uniform", uniform, 7);
    checkEntropy("Uniform", uniform, 8);
    Distribution cb = ContinuousBernoulli.fromLogits(t(-2, 0.001, 1.5));
    checkMoments("ContinuousBernoulli", cb, 9);
    checkEntropy("ContinuousBernoulli", cb, 10);
    Distribution mixture = new MixtureSameFamily(Categorical.fromLogits(t(0.2, -0.5, 1)),
        new Normal(t(-2, 0, 3), t(0.5, 1, 0.3)));
    checkMoments("MixtureSameFamily", mixture, 11);
    Distribution diag = new Independent(new Normal(f64(new double[] {0, 1, 2, 3}, 2, 2), 0.5), 1);
    checkMoments("Independent(Normal, 1)", diag, 12);
    checkEntropy("Independent(Normal, 1)", diag, 13);
  }

  @Test
  void discreteFamiliesMatchTheirMomentsAndEntropy() {
    assumeFloat64();
    Distribution bernoulli = Bernoulli.fromLogits(t(-1, 0, 2));
    checkMoments("Bernoulli", bernoulli, 21);
    checkEntropy("Bernoulli", bernoulli, 22);
    Distribution oneHot = OneHotCategorical.fromLogits(t(0.5, -1, 1));
    checkMoments("OneHotCategorical", oneHot, 23);
    checkEntropy("OneHotCategorical", oneHot, 24);
    checkEntropy("Categorical", Categorical.fromProbs(t(0.2, 0.3, 0.5)), 25);
  }

  @Test
  void hardGumbelSoftmaxPicksEachCategoryWithItsProbability() {
    assumeFloat64();
    try (Scope s = Scope.open()) {
      RelaxedOneHotCategorical soft = RelaxedOneHotCategorical.fromLogits(0.5, t(0.5, -1, 1));
      Tensor y = soft.rsample(PhiloxStream.seeded(31), Shape.of(N));
      assertThat(y.sum(-1).sub(1.0).abs().max().item()).isLessThan(1e-12);
      RelaxedOneHotCategorical hard = soft.withHard(true);
      Tensor h = hard.rsample(PhiloxStream.seeded(31), Shape.of(N));
      assertThat(h.argmax(-1).eq(y.argmax(-1)).cast(org.vae4j.api.DType.FLOAT64).min().item())
          .as("the hard sample is the one-hot argmax of the soft one, same draws").isEqualTo(1.0);
      double[] freq = h.mean(0).toDoubleArray();
      double[] p = Categorical.fromLogits(t(0.5, -1, 1)).probs().toDoubleArray();
      for (int k = 0; k < 3; k++) {
        assertThat(freq[k]).as("frequency of category %d", k)
            .isCloseTo(p[k], within(5 * Math.sqrt(p[k] * (1 - p[k]) / N)));
      }
      assertThat(h.eq(h.mul(0.0)).add(h.eq(h.mul(0.0).add(1.0))).min().item()).isEqualTo(1.0);
    }
  }

  @Test
  void deltaSamplesItsPoint() {
    assumeFloat64();
    try (Scope s = Scope.open()) {
      Delta d = new Delta(f64(new double[] {1, 2, 3, 4}, 2, 2), 1);
      assertThat(d.batchShape()).isEqualTo(Shape.of(2));
      Tensor x = d.sample(PhiloxStream.seeded(1), Shape.of(3));
      assertThat(x.shape()).isEqualTo(Shape.of(3, 2, 2));
      assertThat(d.logProb(x).toDoubleArray()).containsOnly(0.0);
      assertThat(d.logProb(x.add(1.0)).toDoubleArray()).containsOnly(Double.NEGATIVE_INFINITY);
      assertThat(d.variance().toDoubleArray()).containsOnly(0.0);
    }
  }
}
