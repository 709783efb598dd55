package org.vae4j.examples.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.BackendProvider;
import org.vae4j.core.Backends;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.Dataset;
import org.vae4j.examples.data.Datasets;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.models.Vae;
import org.vae4j.models.vq.PixelCnnConfig;
import org.vae4j.models.vq.PixelCnnPrior;
import org.vae4j.models.vq.VqVae;
import org.vae4j.models.vq.VqVaeConfig;
import org.vae4j.models.vq.VqVaePipeline;

/**
 * The same models, seeds and data on every backend on the class path (the examples module depends on all
 * three): the 784-400-20 VAE's first 50 training steps give the same loss curve within float32 tolerance,
 * and the VQ-VAE + PixelCNN pipeline runs end to end.
 */
class EveryBackendTest {
  private static final int STEPS = 50;
  private static final int BATCH = 128;
  private static ImageDataset train;

  @BeforeAll
  static void loadData() {
    train = new Datasets().load(Datasets.MNIST_10K).train();
  }

  static List<String> backends() {
    List<String> names = new ArrayList<>();
    for (BackendProvider p : Backends.providers()) {
      names.add(p.name());
    }
    return names;
  }

  private static TensorFactory factoryOf(String backend) {
    return Tensors.on(Backends.get(backend).kernels(Device.CPU));
  }

  /** Loss of each of the first {@link #STEPS} Adam steps, batches taken in order, every seed fixed. */
  private static double[] vaeLossCurve(String backend) {
    TensorFactory f = factoryOf(backend);
    double[] losses = new double[STEPS];
    try (Vae vae = Vae.pytorchExample(new ParameterFactory(f, DType.FLOAT32, PhiloxStream.seeded(7)));
        Optimizer adam = Adam.builder(1e-3).build(vae.namedParameters())) {
      PhiloxStream noise = PhiloxStream.seeded(11);
      for (int step = 0; step < STEPS; step++) {
        try (Scope scope = Scope.open()) {
          float[] images = train.slice(step * BATCH, (step + 1) * BATCH).images();
          Batch batch = Batch.of(f.of(images, Shape.of(BATCH, 784)), null);
          adam.zeroGrad();
          Tensor loss = vae.loss(batch, noise, step + 1);
          loss.backward();
          adam.step();
          losses[step] = loss.item();
        }
      }
    }
    return losses;
  }

  @Test
  void theVaeLossCurveIsTheSameOnEveryBackend() {
    Map<String, double[]> curves = new LinkedHashMap<>();
    for (String backend : backends()) {
      curves.put(backend, vaeLossCurve(backend));
    }
    double[] reference = curves.get("pure");
    assertThat(reference).as("backend-pure is the reference and must be present").isNotNull();
    assertThat(reference[STEPS - 1]).as("the loss falls over %d steps", STEPS).isLessThan(0.6 * reference[0]);
    for (Map.Entry<String, double[]> e : curves.entrySet()) {
      double worst = 0;
      for (int i = 0; i < STEPS; i++) {
        worst = Math.max(worst, Math.abs(e.getValue()[i] - reference[i]) / reference[i]);
        assertThat(e.getValue()[i]).as("%s loss at step %d vs pure", e.getKey(), i + 1)
            .isCloseTo(reference[i], within(2e-3 * reference[i]));
      }
      System.out.printf("EveryBackendTest: %s vs pure over %d steps: largest relative loss difference %.2e"
          + " (first %.3f, last %.3f)%n", e.getKey(), STEPS, worst, e.getValue()[0], e.getValue()[STEPS - 1]);
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void theVqVaePipelineRunsEndToEnd(String backend) {
    ParameterFactory params = new ParameterFactory(factoryOf(backend), DType.FLOAT32, PhiloxStream.seeded(1));
    ImageDataset head = train.head(600);
    Dataset images = Dataset.of(head.slice(0, 500).images(), Shape.of(1, 28, 28), null);
    Dataset held = Dataset.of(head.slice(500, 600).images(), Shape.of(1, 28, 28), null);
    try (VqVae vqVae = new VqVae(new VqVaeConfig(16, 1, 8, 32, 0.25, false, 10), params);
        PixelCnnPrior prior = new PixelCnnPrior(new PixelCnnConfig(32, 7, 7, 8, 8, 3, 5), params)) {
      double untrained = VqVaePipeline.meanSquaredError(vqVae, held, 100);
      VqVaePipeline.Result r = VqVaePipeline.run(vqVae, prior, images, held,
          new VqVaePipeline.Settings(2, 2, 25, 2e-3, 3e-3, 5), List.of());
      assertThat(r.testMse()).as("%s: test MSE after training (untrained %s)", backend, untrained)
          .isLessThan(0.6 * untrained);
      assertThat(r.testBitsPerDim()).as("%s: prior bits/dim vs log2 K = 5", backend).isLessThan(5.0);
      try (Scope s = Scope.open()) {
        Tensor samples = VqVaePipeline.sampleImages(vqVae, prior, 2, PhiloxStream.seeded(3));
        assertThat(samples.shape()).isEqualTo(Shape.of(2, 1, 28, 28));
      }
    }
  }
}
