package org.vae4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.distributions.TransformedDistribution;
import org.vae4j.core.estimators.LogLikelihood;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.Trainer;
import org.vae4j.core.train.TrainingSummary;

/**
 * The flow-posterior VAE at tiny size (784-64-4, 200 digits, 60 steps; the comparison on MNIST is the
 * measurement {@link FlowPosteriorMeasurement}): each flow trains and lowers its held-out loss, its
 * posterior has the right shapes, the importance-sampled log-likelihood is finite and above the ELBO, and
 * the reconstruction and interpolation paths work without a closed-form posterior mean.
 */
class FlowVaeTest {
  private static final Shape D = Shape.of(784);

  private static FlowVae tiny(FlowVae.Flow flow, TensorFactory f) {
    return FlowVae.mlp(D, 64, 4, Activation::relu, flow, 2, 8, new int[] {16}, Likelihood.bernoulli(),
        new ParameterFactory(f, DType.FLOAT32, PhiloxStream.seeded(3)));
  }

  @Test
  void everyFlowTrainsAndItsLogLikelihoodBoundsTheElbo() {
    TensorFactory f = Tests.pure();
    MnistSubset data = MnistSubset.get();
    for (FlowVae.Flow flow : FlowVae.Flow.values()) {
      try (FlowVae vae = tiny(flow, f); Adam adam = Adam.builder(1e-3).build(vae.namedParameters());
          Scope s = Scope.open()) {
        Tensor test = f.of(data.images(900, 1000), D.prepend(100));
        double before = heldOutLoss(vae, test);
        TrainingSummary summary = Trainer.builder(vae, adam).epochs(3).batchSize(10).seed(1).build()
            .fit(Dataset.of(data.images(0, 200), D, null));
        assertThat(summary.steps()).isEqualTo(60);
        double after = heldOutLoss(vae, test);
        assertThat(after).as("%s: held-out -ELBO after 60 steps (from %.1f)", flow, before).isLessThan(before - 50);
        try (NoGrad ng = NoGrad.enter()) {
          TransformedDistribution q = vae.encode(test);
          assertThat(q.batchShape()).isEqualTo(Shape.of(100));
          assertThat(q.eventShape()).isEqualTo(Shape.of(4));
          double logPx = LogLikelihood.estimate(vae, test, PhiloxStream.seeded(5), 50).mean().item();
          assertThat(logPx).as("%s: log p(x) estimate vs ELBO %.2f", flow, -after).isFinite().isGreaterThan(-after);
          assertThat(vae.reconstruct(test.slice(0, 0, 2)).shape()).isEqualTo(Shape.of(2, 784));
          assertThat(vae.interpolate(test.slice(0, 0, 1).squeeze(0), test.slice(0, 1, 2).squeeze(0), 5).shape())
              .isEqualTo(Shape.of(5, 784));
        }
      }
    }
  }

  private static double heldOutLoss(FlowVae vae, Tensor x) {
    try (NoGrad ng = NoGrad.enter(); Scope s = Scope.open()) {
      double sum = 0;
      PhiloxStream rng = PhiloxStream.seeded(9);
      for (int i = 0; i < 4; i++) {
        sum += vae.evaluationLoss(Batch.of(x, null), rng).item();
      }
      return sum / 4;
    }
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> FlowVae.mlp(D, 64, 4, Activation::relu, FlowVae.Flow.IAF, 2, 0, new int[] {16},
        Likelihood.bernoulli(), ParameterFactory.of(Tests.pure(), PhiloxStream.seeded(1))))
        .hasMessage("FlowVae: need latentDim >= 1, steps >= 1 for a flow and contextDim >= 1 for IAF, got latentDim"
            + " 4, IAF with 2 steps, contextDim 0");
  }
}
