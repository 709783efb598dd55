package org.vae4j.examples.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Backends;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.Trainer;
import org.vae4j.examples.data.Datasets;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.models.pixel.GatedPixelCnn;
import org.vae4j.models.pixel.GatedPixelCnnConfig;
import org.vae4j.models.pixel.PixelLevels;
import org.vae4j.models.pixel.PixelModel;
import org.vae4j.models.pixel.PixelRnn;
import org.vae4j.models.pixel.PixelRnnConfig;

/**
 * Each pixel model trained end to end through core's Trainer on every backend on the class path, on real
 * digits at small sizes (14x14, each pixel the mean of 2x2): the gated PixelCNN (binarised, class-conditional),
 * the Row LSTM (256 grey levels) and the Diagonal BiLSTM (binarised). Every backend starts from the same loss as
 * pure (same seeds, float32 tolerance) and ends well below it; sampling runs on each.
 */
class PixelModelsEveryBackendTest {
  private static final int TRAIN = 48;
  private static final int TEST = 16;
  private static final int SIDE = 14;
  private static ImageDataset digits;

  @BeforeAll
  static void loadData() {
    ImageDataset full = new Datasets().load(Datasets.MNIST_10K).train().head(TRAIN + TEST);
    float[] small = new float[full.size() * SIDE * SIDE];
    for (int i = 0; i < full.size(); i++) {
      float[] image = full.image(i);
      for (int r = 0; r < SIDE; r++) {
        for (int c = 0; c < SIDE; c++) {
          float sum = image[2 * r * 28 + 2 * c] + image[2 * r * 28 + 2 * c + 1] + image[(2 * r + 1) * 28 + 2 * c]
              + image[(2 * r + 1) * 28 + 2 * c + 1];
          small[(i * SIDE + r) * SIDE + c] = Math.round(sum / 4 * 255) / 255f;
        }
      }
    }
    digits = new ImageDataset("mnist 14x14", small, full.labels(), SIDE, SIDE, full.numClasses());
  }

  private static PixelModel create(String model, ParameterFactory p) {
    return switch (model) {
      case "gated-pixelcnn" -> new GatedPixelCnn(new GatedPixelCnnConfig(SIDE, SIDE, PixelLevels.BINARY, 6, 2, 3, 10), p);
      case "row-lstm" -> new PixelRnn(new PixelRnnConfig(SIDE, SIDE, PixelLevels.GREY_256, PixelRnnConfig.Arch.ROW_LSTM,
          3, 1), p);
      default -> new PixelRnn(new PixelRnnConfig(SIDE, SIDE, PixelLevels.BINARY, PixelRnnConfig.Arch.DIAGONAL_BILSTM, 3,
          1), p);
    };
  }

  /** The held-out loss before and after 9 Adam steps, on one backend. */
  private static double[] beforeAndAfter(String backend, String model) {
    TensorFactory f = Tensors.on(Backends.get(backend).kernels(Device.CPU));
    boolean binary = !model.equals("row-lstm");
    ImageDataset data = binary ? digits.binarized(7) : digits;
    Dataset train = Dataset.of(data.slice(0, TRAIN).images(), Shape.of(1, SIDE, SIDE), data.slice(0, TRAIN).labels());
    var held = data.slice(TRAIN, TRAIN + TEST);
    try (PixelModel m = create(model, ParameterFactory.of(f, PhiloxStream.seeded(3)));
        Optimizer adam = Adam.builder(1e-2).build(m.namedParameters())) {
      double before = heldOut(m, f, held.images(), held.labels());
      Trainer.builder(m, adam).epochs(3).batchSize(16).seed(5).build().fit(train);
      double after = heldOut(m, f, held.images(), held.labels());
      try (Scope s = Scope.open()) {
        Tensor labels = m.classes() > 0 ? f.of(new int[] {1, 7}, Shape.of(2)) : null;
        m.levels().check(backend + " samples", m.sample(2, labels, PhiloxStream.seeded(9)).toFloatArray());
      }
      return new double[] {before, after};
    }
  }

  private static double heldOut(PixelModel m, TensorFactory f, float[] images, int[] labels) {
    try (Scope s = Scope.open(); NoGrad ignored = NoGrad.enter()) {
      Tensor l = m.classes() > 0 ? f.of(labels, Shape.of(labels.length)) : null;
      return -m.logProb(f.of(images, Shape.of(labels.length, 1, SIDE, SIDE)), l).mean().item();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gated-pixelcnn", "row-lstm", "diagonal-bilstm"})
  void everyBackendTrainsTheModelFromTheSameStart(String model) {
    Map<String, double[]> results = new LinkedHashMap<>();
    for (String backend : EveryBackendTest.backends()) {
      results.put(backend, beforeAndAfter(backend, model));
    }
    double[] pure = results.get("pure");
    assertThat(pure).as("backend-pure is the reference and must be present").isNotNull();
    for (Map.Entry<String, double[]> e : results.entrySet()) {
      double[] r = e.getValue();
      assertThat(r[0]).as("%s %s: held-out nats per image before training, vs pure", model, e.getKey())
          .isCloseTo(pure[0], within(1e-3 * pure[0]));
      // 256-way conditionals start near uniform (log 256 nats a pixel) and fall more slowly than binary ones
      double factor = model.equals("row-lstm") ? 0.9 : 0.75;
      assertThat(r[1]).as("%s %s: held-out nats per image after 9 steps (before: %s)", model, e.getKey(), r[0])
          .isLessThan(factor * r[0]);
      System.out.printf("PixelModelsEveryBackendTest: %s on %s: held-out %.1f -> %.1f nats per image%n", model,
          e.getKey(), r[0], r[1]);
    }
  }
}
