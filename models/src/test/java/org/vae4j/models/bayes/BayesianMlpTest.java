package org.vae4j.models.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.backend.pure.PureBackend;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.kl.KlRegistry;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;

/** Bayes by Backprop on the pure backend: names, KL estimates, and uncertainty away from the data. */
class BayesianMlpTest {
  private static final PureBackend BACKEND = new PureBackend();
  private static final int STEPS = 1000;
  private final TensorFactory f = Tensors.on(BACKEND.kernels(BACKEND.defaultDevice()));

  @Test
  void parameterNamesAndShapes() {
    try (BayesianMlp net = BayesianMlp.builder(BayesianMlp.Task.REGRESSION, 3, 2, 100).hidden(8)
        .noise(0.2, true).build(ParameterFactory.of(f, PhiloxStream.seeded(1)));
        Scope s = Scope.open()) {
      assertThat(net.namedParameters().keySet()).containsExactly("log_noise", "0.weight_mu", "0.weight_rho",
          "0.bias_mu", "0.bias_rho", "1.weight_mu", "1.weight_rho", "1.bias_mu", "1.bias_rho");
      assertThat(net.namedParameters().get("1.weight_mu").shape()).isEqualTo(Shape.of(2, 8));
      Tensor x = f.zeros(Shape.of(5, 3), DType.FLOAT32);
      BayesianLinear.Output o = net.forward(x, PhiloxStream.seeded(2));
      assertThat(o.activations().shape()).isEqualTo(Shape.of(5, 2));
      assertThat(o.kl().size()).isEqualTo(1);
      BayesianMlp.RegressionPrediction p = net.predictRegression(x, 4, PhiloxStream.seeded(3));
      assertThat(p.mean().shape()).isEqualTo(Shape.of(5, 2));
      assertThat(p.totalStd().toFloatArray()[0]).isGreaterThan(p.epistemicStd().toFloatArray()[0]);
      assertThatThrownBy(() -> net.predictClasses(x, 2, PhiloxStream.seeded(4))).hasMessageContaining("regresses");
    }
  }

  @Test
  void closedFormKlMatchesTheMonteCarloEstimateOfTheSameLayer() {
    assertKlAgreement(false);
    assertKlAgreement(true);
  }

  private void assertKlAgreement(boolean lrt) {
    ParameterFactory p = new ParameterFactory(f, DType.FLOAT64, PhiloxStream.seeded(5));
    try (BayesianLinear layer = new BayesianLinear(6, 4, WeightPrior.normal(0.5), lrt, -1.0, p);
        Scope s = Scope.open()) {
      Tensor x = f.ones(Shape.of(2, 6), DType.FLOAT64);
      double exact = layer.forward(x, PhiloxStream.seeded(6)).kl().item();
      Distribution prior = layer.prior().distribution(f, DType.FLOAT64);
      Normal qw = layer.weightPosterior();
      Normal qb = layer.biasPosterior();
      RandomStream rng = PhiloxStream.seeded(7);
      int draws = 1500;
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < draws; i++) {
        try (Scope d = Scope.open()) {
          Tensor w = qw.sample(rng, Shape.scalar());
          Tensor b = qb.sample(rng, Shape.scalar());
          double v = qw.logProb(w).sum().sub(prior.logProb(w).sum()).item()
              + qb.logProb(b).sum().sub(prior.logProb(b).sum()).item();
          sum += v;
          sumSq += v * v;
        }
      }
      double mean = sum / draws;
      double se = Math.sqrt((sumSq / draws - mean * mean) / draws);
      assertThat(exact).as("closed-form KL vs Monte Carlo %s +- %s", mean, se).isCloseTo(mean, within(4 * se));
    }
  }

  @Test
  void scaleMixturePriorUsesMonteCarloKlAndIsNormalizedAsAMixture() {
    WeightPrior mix = WeightPrior.scaleMixture(0.25, 1.0, Math.exp(-6));
    try (Scope s = Scope.open()) {
      Tensor w = f.of(new double[] {0.3}, Shape.of(1));
      double expected = Math.log(0.25 * Math.exp(-0.045) / Math.sqrt(2 * Math.PI)
          + 0.75 * Math.exp(-0.5 * 0.09 / Math.exp(-12)) / (Math.exp(-6) * Math.sqrt(2 * Math.PI)));
      Distribution p = mix.distribution(f, DType.FLOAT64);
      assertThat(p.logProb(w).item()).isCloseTo(expected, within(1e-9));
      assertThat(KlRegistry.hasRule(new Normal(w, 1.0), p)).isFalse();
      try (BayesianMlp net = BayesianMlp.builder(BayesianMlp.Task.CLASSIFICATION, 4, 3, 10).prior(mix)
          .localReparameterization(true).build(ParameterFactory.of(f, PhiloxStream.seeded(8)))) {
        Tensor x = f.ones(Shape.of(2, 4), DType.FLOAT32);
        Tensor y = f.of(new int[] {0, 2}, Shape.of(2));
        assertThat(Double.isFinite(net.loss(Batch.of(x, y), PhiloxStream.seeded(9)).item())).isTrue();
        BayesianMlp.ClassPrediction c = net.predictClasses(x, 5, PhiloxStream.seeded(10));
        assertThat(c.probabilities().sum(1).toFloatArray()).containsExactly(new float[] {1f, 1f},
            org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(c.entropy().toFloatArray()[0]).isBetween(0f, (float) Math.log(3) + 1e-5f);
      }
    }
  }

  /**
   * y = sin(3x) + N(0, 0.1^2) on 128 points with x in [-1, 1]: after training, the epistemic standard
   * deviation at x = -3 and x = 3 must exceed 5 times that at x = 0 (10 to 20 times seen on the pure backend).
   */
  @Test
  void predictiveUncertaintyGrowsAwayFromTheData() {
    int n = 128;
    RandomStream data = PhiloxStream.seeded(11);
    double[] u = data.uniformDoubles(n);
    double[] e = data.normalDoubles(n);
    double[] xy = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double x = 2 * u[i] - 1;
      xy[2 * i] = x;
      xy[2 * i + 1] = Math.sin(3 * x) + 0.1 * e[i];
    }
    try (BayesianMlp net = BayesianMlp.builder(BayesianMlp.Task.REGRESSION, 1, 1, n).hidden(32, 32)
        .noise(0.1, false).build(ParameterFactory.of(f, PhiloxStream.seeded(12)));
        Adam adam = Adam.builder(1e-2).build(net.namedParameters());
        Scope outer = Scope.open()) {
      Tensor batch = f.of(xy, Shape.of(n, 2), DType.FLOAT32);
      RandomStream rng = PhiloxStream.seeded(13);
      for (int step = 0; step < STEPS; step++) {
        try (Scope s = Scope.open()) {
          adam.zeroGrad();
          net.loss(Batch.of(batch, null), rng).backward();
          adam.step();
        }
      }
      Tensor probe = f.of(new double[] {-3, 0, 3}, Shape.of(3, 1), DType.FLOAT32);
      BayesianMlp.RegressionPrediction p = net.predictRegression(probe, 200, PhiloxStream.seeded(14));
      float[] std = p.epistemicStd().toFloatArray();
      float[] mean = p.mean().toFloatArray();
      assertThat(mean[1]).as("predictive mean at 0 (sin 0 = 0)").isBetween(-0.25f, 0.25f);
      assertThat(std[0]).as("std at -3 vs at 0 (%s)", std[1]).isGreaterThan(5 * std[1]);
      assertThat(std[2]).as("std at +3 vs at 0 (%s)", std[1]).isGreaterThan(5 * std[1]);
    }
  }
}
