package org.vae4j.models.pixel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.distributions.Validation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Batch;
import org.vae4j.models.pixel.PixelModels.Kind;

/**
 * The pixel models as distributions: normalised over all binary images, sampled in agreement with their
 * log-probabilities (so the sampler visits pixels in raster order and uses the right conditionals),
 * completions that keep the given pixels, and one clear line for each kind of bad input.
 */
class PixelModelTest {
  private static final int SIDE = 2;
  private static final int IMAGES = 1 << (SIDE * SIDE);

  static List<Kind> binaryKinds() {
    return List.of(new Kind("gated PixelCNN", SIDE, SIDE, PixelLevels.BINARY, "pixelcnn", 0),
        new Kind("Row LSTM", SIDE, SIDE, PixelLevels.BINARY, "row", 0),
        new Kind("Diagonal BiLSTM", SIDE, SIDE, PixelLevels.BINARY, "diagonal", 0));
  }

  /** All 16 binary 2x2 images, image m holding the bits of m in raster order (most significant first). */
  private static Tensor allImages() {
    float[] x = new float[IMAGES * SIDE * SIDE];
    for (int m = 0; m < IMAGES; m++) {
      for (int p = 0; p < SIDE * SIDE; p++) {
        x[m * SIDE * SIDE + p] = (m >> (SIDE * SIDE - 1 - p)) & 1;
      }
    }
    return PixelModels.F.of(x, Shape.of(IMAGES, 1, SIDE, SIDE)).cast(DType.FLOAT64);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryKinds")
  void probabilitiesOfAllImagesSumToOneAndSamplesFollowThem(Kind kind) {
    try (PixelModel model = kind.build(3); NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      double[] p = model.logProb(allImages(), null).exp().toDoubleArray();
      double total = 0;
      for (double v : p) {
        total += v;
      }
      assertThat(total).as("%s: sum of p over all %d images", kind, IMAGES).isCloseTo(1.0, within(1e-12));
      int n = 2000;
      float[] drawn = model.sample(n, null, PhiloxStream.seeded(5)).toFloatArray();
      int[] counts = new int[IMAGES];
      for (int i = 0; i < n; i++) {
        int m = 0;
        for (int q = 0; q < SIDE * SIDE; q++) {
          m = 2 * m + (int) drawn[i * SIDE * SIDE + q];
        }
        counts[m]++;
      }
      for (int m = 0; m < IMAGES; m++) {
        double sigma = Math.sqrt(p[m] * (1 - p[m]) / n);
        assertThat(counts[m] / (double) n).as("%s: frequency of image %d with p = %s", kind, m, p[m])
            .isCloseTo(p[m], within(5 * sigma + 1e-3));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.vae4j.models.pixel.PixelModels#kinds")
  void completionsKeepTheGivenRowsAndSamplingIsReproducible(Kind kind) {
    try (PixelModel model = kind.build(9); Scope s = Scope.open()) {
      int n = 2;
      float[] x = PixelModels.randomPixels(kind, n, 21);
      int given = kind.height() / 2;
      double[] mask = new double[kind.height() * kind.width()];
      for (int i = 0; i < given * kind.width(); i++) {
        mask[i] = 1;
      }
      Tensor m = PixelModels.F.of(mask, Shape.of(kind.height(), kind.width()));
      Tensor labels = PixelModels.labels(kind, n);
      float[] a = model.complete(PixelModels.images(kind, x), m, labels, PhiloxStream.seeded(4)).toFloatArray();
      float[] b = model.complete(PixelModels.images(kind, x), m, labels, PhiloxStream.seeded(4)).toFloatArray();
      assertThat(a).containsExactly(b);
      int pixels = kind.height() * kind.width();
      for (int i = 0; i < n; i++) {
        for (int q = 0; q < given * kind.width(); q++) {
          assertThat(a[i * pixels + q]).as("%s: given pixel %d of image %d", kind, q, i).isEqualTo(x[i * pixels + q]);
        }
      }
      Tensor samples = model.sample(3, PixelModels.labels(kind, 3), PhiloxStream.seeded(6));
      assertThat(samples.shape()).isEqualTo(Shape.of(3, 1, kind.height(), kind.width()));
      model.levels().check("samples", samples.toFloatArray());
    }
  }

  @Test
  void theLossIsTheMeanNegativeLogLikelihoodAndBitsPerDimensionItsShare() {
    Kind kind = PixelModels.kinds().get(1);
    try (PixelModel model = kind.build(2); Scope s = Scope.open()) {
      Tensor images = PixelModels.images(kind, PixelModels.randomPixels(kind, 4, 8));
      double loss = model.loss(Batch.of(images, null), PhiloxStream.seeded(0)).item();
      assertThat(loss).isCloseTo(-model.logProb(images, null).mean().item(), within(1e-9));
      assertThat(model.bitsPerDimension(images, null))
          .isCloseTo(loss / (Math.log(2) * kind.height() * kind.width()), within(1e-12));
      assertThat(loss / (kind.height() * kind.width())).as("an untrained model is near uniform over 256 levels")
          .isCloseTo(Math.log(256), within(1.0));
    }
  }

  @Test
  void badInputIsNamedInOneLine() {
    Kind binary = PixelModels.kinds().get(0);
    Kind conditional = PixelModels.kinds().get(2);
    try (PixelModel model = binary.build(1); PixelModel cond = conditional.build(1); Scope s = Scope.open()) {
      Tensor wrongSize = PixelModels.F.zeros(Shape.of(2, 1, 7, 5), DType.FLOAT64);
      assertThatThrownBy(() -> model.logProb(wrongSize, null)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("GatedPixelCnn.logits: images (2, 1, 7, 5) must be (N, 1, 6, 5) as the model was built for"
              + " 6x5");
      Tensor images = PixelModels.images(binary, PixelModels.randomPixels(binary, 2, 1));
      assertThatThrownBy(() -> model.complete(images, PixelModels.F.ones(Shape.of(3, 5), DType.FLOAT64), null,
          PhiloxStream.seeded(1))).hasMessage("GatedPixelCnn.complete: mask (3, 5) must be (6, 5), 1 where a pixel"
              + " is given");
      assertThatThrownBy(() -> cond.logProb(images, null)).hasMessageContaining("conditioned on 3 classes")
          .hasMessageContaining("INT32 labels (2), got none");
      Tensor grey = PixelModels.F.full(Shape.of(1, 1, 6, 5), 0.5, DType.FLOAT64);
      boolean was = Validation.setEnabled(true);
      try {
        assertThatThrownBy(() -> model.logProb(grey, null)).hasMessageContaining("pixel 0 is 0.5")
            .hasMessageContaining("BINARY model needs 0 or 1; binarise the images (--binarize");
      } finally {
        Validation.setEnabled(was);
      }
    }
    assertThatThrownBy(() -> PixelLevels.of(16)).hasMessageContaining("give 2 (binarised images) or 256");
    ParameterFactory p = new ParameterFactory(PixelModels.F, DType.FLOAT32, PhiloxStream.seeded(0));
    assertThatThrownBy(() -> new GatedPixelCnn(new GatedPixelCnnConfig(28, 28, PixelLevels.BINARY, 8, 2, 4, 0), p))
        .hasMessageContaining("an odd kernel >= 3");
  }
}
