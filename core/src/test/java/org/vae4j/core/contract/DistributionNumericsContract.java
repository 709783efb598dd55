package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Categorical;
import org.vae4j.core.distributions.ContinuousBernoulli;
import org.vae4j.core.distributions.DiagonalNormal;
import org.vae4j.core.distributions.Independent;
import org.vae4j.core.distributions.Laplace;
import org.vae4j.core.distributions.LogNormal;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.distributions.RelaxedOneHotCategorical;
import org.vae4j.core.distributions.Uniform;
import org.vae4j.core.kl.KlRegistry;
import org.vae4j.core.random.PhiloxStream;

/**
 * Numerics at the edges, in FLOAT32 and FLOAT64: log-probabilities and KLs from logits of size 100,
 * normal scales of 1e-6 and 1e6, the continuous Bernoulli at extreme and near-half probabilities; and the
 * gradients of reparameterized samples against finite differences through a fixed noise draw (same seed).
 */
public abstract class DistributionNumericsContract extends BackendTestSupport {

  private Tensor make(DType dtype, double... v) {
    if (dtype == DType.FLOAT64) {
      return f64(v, v.length);
    }
    return f32(v, v.length);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void logitsOfSizeHundredStayExact(DType dtype) {
    try (Scope s = Scope.open()) {
      Bernoulli b = Bernoulli.fromLogits(make(dtype, 100, -100, 100, -100));
      assertThat(b.logProb(make(dtype, 0, 1, 1, 0)).toDoubleArray())
          .containsExactly(new double[] {-100, -100, 0, 0}, within(1e-4));
      assertThat(b.entropy().toDoubleArray()).containsExactly(new double[] {0, 0, 0, 0}, within(1e-30));
      double kl = KlRegistry.kl(Bernoulli.fromLogits(make(dtype, 100)), Bernoulli.fromLogits(make(dtype, -100)))
          .toDoubleArray()[0];
      assertThat(kl).isCloseTo(100.0, within(1e-4));
      Categorical c = Categorical.fromLogits(make(dtype, 100, 0, -100));
      assertThat(c.logProb(i32(new int[] {2, 0}, 2)).toDoubleArray())
          .containsExactly(new double[] {-200, 0}, within(1e-4));
      double klc = KlRegistry.kl(c, Categorical.fromLogits(make(dtype, -100, 0, 100))).toDoubleArray()[0];
      assertThat(klc).isCloseTo(200.0, within(1e-3));
      ContinuousBernoulli cb = ContinuousBernoulli.fromLogits(make(dtype, 100, -100, 1e-4, 0));
      double[] lp = cb.logProb(make(dtype, 1, 0, 0.5, 0.3)).toDoubleArray();
      // x l - softplus(l) + log C(l), log C(l) = log(l / tanh(l / 2)): log 100 at |l| = 100; near l = 0 the
      // density is uniform (log C = log 2 = softplus(0)), so the log-density is 0
      assertThat(lp).containsExactly(new double[] {Math.log(100), Math.log(100), 0, 0}, within(1e-4));
      assertThat(cb.mean().toDoubleArray()).containsExactly(new double[] {0.99, 0.01, 0.5, 0.5}, within(1e-4));
      assertThat(cb.variance().toDoubleArray())
          .containsExactly(new double[] {1e-4, 1e-4, 1.0 / 12, 1.0 / 12}, within(1e-5));
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void tinyAndHugeScalesDoNotOverflow(DType dtype) {
    try (Scope s = Scope.open()) {
      Normal n = new Normal(make(dtype, 0, 1e6), make(dtype, 1e-6, 1e6));
      double[] lp = n.logProb(make(dtype, 1e-6, 2e6)).toDoubleArray();
      double c = 0.5 * Math.log(2 * Math.PI);
      assertThat(lp[0]).isCloseTo(-0.5 - Math.log(1e-6) - c, within(1e-3));
      assertThat(lp[1]).isCloseTo(-0.5 - Math.log(1e6) - c, within(1e-3));
      Normal tiny = new Normal(make(dtype, 0), make(dtype, 1e-6));
      Normal huge = new Normal(make(dtype, 0), make(dtype, 1e6));
      double kl1 = KlRegistry.kl(tiny, huge).toDoubleArray()[0];
      assertThat(kl1).isCloseTo(0.5 * (1e-24 - 1 + Math.log(1e24)), within(1e-3));
      double kl2 = KlRegistry.kl(huge, tiny).toDoubleArray()[0];
      assertThat(kl2).isFinite().isCloseTo(0.5e24, within(0.5e24 * 1e-5));
      assertThat(n.entropy().toDoubleArray()).doesNotContain(Double.NaN, Double.NEGATIVE_INFINITY,
          Double.POSITIVE_INFINITY);
    }
  }

  /**
   * Issue 14.5: the continuous Bernoulli's mean and variance in FLOAT32, over logits from 1e-5 to 100 of
   * either sign (the closed forms cancel just outside the Taylor cut), against the exact values in double:
   * within a few float roundings (2e-6 relative).
   */
  @Test
  void continuousBernoulliMomentsAreAccurateInFloat32ForEveryLogit() {
    try (Scope s = Scope.open()) {
      double[] logits = new double[122];
      for (int i = 0; i < 61; i++) {
        logits[2 * i] = Math.pow(10, -5 + i / 8.6);
        logits[2 * i + 1] = -logits[2 * i];
      }
      for (int i = 0; i < logits.length; i++) {
        logits[i] = (float) logits[i];
      }
      ContinuousBernoulli cb = ContinuousBernoulli.fromLogits(f32(logits, logits.length));
      double[] mean = cb.mean().toDoubleArray();
      double[] variance = cb.variance().toDoubleArray();
      for (int i = 0; i < logits.length; i++) {
        double l = logits[i];
        double exactMean = Math.abs(l) < 1e-3 ? 0.5 + l / 12 - l * l * l / 720 : 1 / (-Math.expm1(-l)) - 1 / l;
        double exactVar = Math.abs(l) < 1e-3 ? 1.0 / 12 - l * l / 240
            : 1 / (l * l) - 1 / (4 * Math.sinh(l / 2) * Math.sinh(l / 2));
        assertThat(mean[i]).as("mean at logit %s", l).isCloseTo(exactMean, within(2e-6 * exactMean));
        assertThat(variance[i]).as("variance at logit %s", l).isCloseTo(exactVar, within(2e-6 * exactVar));
      }
    }
  }

  private void rsampleGradient(String what, Function<Tensor[], Tensor> draw, double[]... values) {
    assumeFloat64();
    FiniteDifferences.checkVectors(what, f(), draw, values);
  }

  @Test
  void reparameterizedSamplesHaveCorrectGradients() {
    Shape three = Shape.of(3);
    double[] loc = {0.3, -1.2};
    double[] scale = {0.7, 1.9};
    rsampleGradient("Normal", a -> new Normal(a[0], a[1]).rsample(PhiloxStream.seeded(5), three), loc, scale);
    rsampleGradient("DiagonalNormal.fromLogVariance",
        a -> DiagonalNormal.fromLogVariance(a[0], a[1]).rsample(PhiloxStream.seeded(5), three), loc, scale);
    rsampleGradient("Independent(Normal)",
        a -> new Independent(new Normal(a[0], a[1]), 1).rsample(PhiloxStream.seeded(5), three), loc, scale);
    rsampleGradient("Laplace", a -> new Laplace(a[0], a[1]).rsample(PhiloxStream.seeded(6), three), loc, scale);
    rsampleGradient("LogNormal", a -> new LogNormal(a[0], a[1]).rsample(PhiloxStream.seeded(7), three), loc, scale);
    rsampleGradient("Uniform", a -> new Uniform(a[0], a[1]).rsample(PhiloxStream.seeded(8), three),
        new double[] {-1, 0.5}, new double[] {1, 3});
    rsampleGradient("ContinuousBernoulli",
        a -> ContinuousBernoulli.fromLogits(a[0]).rsample(PhiloxStream.seeded(9), three), new double[] {-2, 0.7});
    rsampleGradient("RelaxedOneHotCategorical",
        a -> RelaxedOneHotCategorical.fromLogits(0.7, a[0]).rsample(PhiloxStream.seeded(10), three),
        new double[] {0.2, -0.4, 1.1});
  }
}
