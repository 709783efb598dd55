package org.vae4j.models.vq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Dataset;
import org.vae4j.models.MnistSubset;

/**
 * The whole pipeline on 900 / 100 digits of the shipped MNIST slice with small networks, on the selected
 * backend: reconstructions improve, the codes are spread over the codebook, the prior beats the uniform
 * prior's log2 K bits per dimension, and sampled code maps decode to images.
 */
class VqVaePipelineTest {

  @Test
  void trainsEncodesFitsThePriorAndSamples() {
    MnistSubset all = MnistSubset.get();
    Dataset train = all.dataset(0, 900);
    Dataset test = all.dataset(900, 1000);
    ParameterFactory params = new ParameterFactory(Tensors.factory(), DType.FLOAT32, PhiloxStream.seeded(1));
    VqVaeConfig vqConfig = new VqVaeConfig(16, 1, 8, 32, 0.25, false, 10);
    try (VqVae vqVae = new VqVae(vqConfig, params);
        PixelCnnPrior prior = new PixelCnnPrior(new PixelCnnConfig(32, 7, 7, 8, 8, 3, 5), params)) {
      double untrainedMse = VqVaePipeline.meanSquaredError(vqVae, test, 100);
      long start = System.nanoTime();
      VqVaePipeline.Result r = VqVaePipeline.run(vqVae, prior, train, test,
          new VqVaePipeline.Settings(3, 2, 30, 2e-3, 3e-3, 5), List.of());
      System.out.printf("VqVaePipelineTest: %.1f s; test MSE %.4f (untrained %.4f); train codes: %s; prior %.3f"
          + " bits/dim vs log2 K = %.1f%n", (System.nanoTime() - start) / 1e9, r.testMse(), untrainedMse,
          r.trainUsage(), r.testBitsPerDim(), r.uniformBitsPerDim());

      assertThat(r.testMse()).as("test MSE per pixel after training (untrained: %s)", untrainedMse)
          .isLessThan(0.5 * untrainedMse).isLessThan(0.08);
      assertThat(r.trainUsage().used()).as("codes used on the training set").isGreaterThanOrEqualTo(16);
      assertThat(r.trainUsage().perplexity()).isGreaterThan(8);
      assertThat(r.uniformBitsPerDim()).isEqualTo(5.0);
      assertThat(r.testBitsPerDim()).as("prior's test bits per dimension vs log2 K = 5").isLessThan(4.25);
      assertThat(r.prior().history().get(0).trainLoss()).isGreaterThan(r.prior().trainLoss());

      try (Scope s = Scope.open()) {
        Tensor images = VqVaePipeline.sampleImages(vqVae, prior, 4, PhiloxStream.seeded(9));
        assertThat(images.shape()).isEqualTo(Shape.of(4, 1, 28, 28));
        for (double v : images.toDoubleArray()) {
          assertThat(v).isBetween(0.0, 1.0);
        }
      }
    }
  }
}
