package org.vae4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;

/** Parsing, output shapes and log-densities of the decoder likelihoods. */
class LikelihoodTest {
  private final TensorFactory f = Tests.pure();

  @Test
  void parsesTheNamesItPrints() {
    for (Likelihood l : new Likelihood[] {Likelihood.bernoulli(), Likelihood.gaussian(0.25),
        Likelihood.gaussianLearnedVariance(), Likelihood.continuousBernoulli()}) {
      assertThat(Likelihood.parse(l.toString()).family()).isEqualTo(l.family());
    }
    assertThatThrownBy(() -> Likelihood.parse("gaussian:abc")).hasMessageContaining("gaussian:0.1");
    assertThatThrownBy(() -> Likelihood.parse("poisson")).hasMessageContaining("bernoulli");
    assertThatThrownBy(() -> Likelihood.gaussian(0)).hasMessageContaining("positive");
  }

  @Test
  void greyLevelBernoulliScoresIntensitiesByBinaryCrossEntropy() {
    try (Scope s = Scope.open()) {
      Tensor logits = f.of(new double[] {0.0, 2.0, -100.0}, Shape.of(1, 3));
      Tensor x = f.of(new double[] {0.5, 1.0, 0.0}, Shape.of(1, 3));
      Distribution p = Likelihood.bernoulli().distribution(logits, Shape.of(3));
      double expected = -Math.log(2) + (2 - Math.log1p(Math.exp(2))) - Math.log1p(Math.exp(-100));
      assertThat(p.logProb(x).toDoubleArray()).containsExactly(new double[] {expected}, within(1e-12));
      assertThat(p.mean().toDoubleArray()[0]).isEqualTo(0.5);
      assertThatThrownBy(() -> p.logProb(f.of(new double[] {0.5, 1.5, 0}, Shape.of(1, 3))))
          .hasMessageContaining("1.5");
    }
  }

  @Test
  void learnedVarianceSplitsTheFirstDataAxis() {
    try (Scope s = Scope.open()) {
      Likelihood l = Likelihood.gaussianLearnedVariance();
      assertThat(l.outputShape(Shape.of(1, 2, 2))).isEqualTo(Shape.of(2, 2, 2));
      Tensor out = f.of(new double[] {1, 2, 3, 4, 0, 0, Math.log(4), Math.log(4)}, Shape.of(1, 2, 2, 2));
      Distribution p = l.distribution(out, Shape.of(1, 2, 2));
      assertThat(p.mean().toDoubleArray()).containsExactly(1, 2, 3, 4);
      assertThat(p.variance().toDoubleArray()).containsExactly(new double[] {1, 1, 4, 4}, within(1e-12));
      assertThat(p.batchShape()).isEqualTo(Shape.of(1));
      assertThatThrownBy(() -> l.distribution(f.zeros(Shape.of(1, 1, 2, 2), DType.FLOAT64), Shape.of(1, 2, 2)))
          .hasMessageContaining("(2, 2, 2)");
    }
  }
}
