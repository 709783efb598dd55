package org.vae4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.Trainer;
import org.vae4j.core.train.TrainingSummary;

/**
 * 306 Adam steps (core's Trainer, 17 epochs of 18 batches of 50) of a 784-200-10 VAE on 900 of the
 * embedded digits must lower the negative ELBO of the 100 held-out digits from its initial value (about
 * 552 nats) below 170 nats (145 seen on the pure backend).
 */
class VaeTrainingTest {
  private static final int TRAIN = 900;
  private static final int BATCH = 50;
  private static final int EPOCHS = 17;
  private static final double THRESHOLD_NATS = 170.0;

  @Test
  void negativeElboOnHeldOutDigitsFallsBelowThreshold() {
    TensorFactory f = Tests.pure();
    MnistSubset data = MnistSubset.get();
    Shape d = Shape.of(784);
    try (Vae vae = Vae.mlp(d, 200, 10, Activation::relu, Likelihood.bernoulli(),
        ParameterFactory.of(f, PhiloxStream.seeded(42)));
        Adam adam = Adam.builder(1e-3).build(vae.namedParameters());
        Scope outer = Scope.open()) {
      Tensor test = f.of(data.images(TRAIN, data.size()), d.prepend(data.size() - TRAIN));
      double before = testLoss(vae, test);
      TrainingSummary summary = Trainer.builder(vae, adam).epochs(EPOCHS).batchSize(BATCH).seed(7)
          .testSet(Dataset.of(data.images(TRAIN, data.size()), d, null)).build()
          .fit(Dataset.of(data.images(0, TRAIN), d, null));
      assertThat(summary.steps()).isEqualTo((long) EPOCHS * TRAIN / BATCH);
      assertThat(summary.testLoss()).as("the trainer's held-out loss").isLessThan(THRESHOLD_NATS);
      double after = testLoss(vae, test);
      assertThat(before).as("initial held-out negative ELBO").isGreaterThan(400.0);
      assertThat(after).as("held-out negative ELBO after %d epochs (from %.1f)", EPOCHS, before)
          .isLessThan(THRESHOLD_NATS);
    }
  }

  /** Minus the mean ELBO of {@code x}, averaged over 4 draws so the figure is steady. */
  private static double testLoss(Vae vae, Tensor x) {
    RandomStream rng = PhiloxStream.seeded(99);
    double sum = 0;
    try (NoGrad ng = NoGrad.enter(); Scope s = Scope.open()) {
      for (int i = 0; i < 4; i++) {
        sum += vae.evaluationLoss(Batch.of(x, null), rng).item();
      }
    }
    return sum / 4;
  }
}
