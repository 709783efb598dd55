package org.vae4j.models.pixel;

import java.util.List;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;

/** Small pixel models of every kind and mode for the tests, in FLOAT64 on the selected backend. */
final class PixelModels {
  static final TensorFactory F = Tensors.factory();

  private PixelModels() {
  }

  /** What to build: a name for messages and the model's sizes. */
  record Kind(String name, int height, int width, PixelLevels levels, String arch, int classes) {
    @Override
    public String toString() {
      return name;
    }

    /**
     * A model wide enough that no pixel's head has all its ReLUs off (which would hide a real dependency), and
     * for the PixelCNN deep enough to see the whole image.
     */
    PixelModel build(long seed) {
      ParameterFactory p = new ParameterFactory(F, DType.FLOAT64, PhiloxStream.seeded(seed));
      return switch (arch) {
        case "pixelcnn" -> new GatedPixelCnn(new GatedPixelCnnConfig(height, width, levels, 8, 3, 5, classes), p);
        case "row" -> new PixelRnn(new PixelRnnConfig(height, width, levels, PixelRnnConfig.Arch.ROW_LSTM, 6, 2), p);
        default -> new PixelRnn(new PixelRnnConfig(height, width, levels, PixelRnnConfig.Arch.DIAGONAL_BILSTM, 6,
            2), p);
      };
    }

    /**
     * Whether the logits at pixel {@code (ir, ic)} depend on the earlier pixel {@code (jr, jc)}. The gated
     * PixelCNN built here sees every earlier pixel. The Row LSTM sees a triangle above the pixel; within it,
     * the test asks only for the next pixel of the row and the three below. The Diagonal BiLSTM sees every
     * earlier pixel but one: the last pixel of the row above is hidden by mask A from that row's right-to-left
     * scan, so a pixel of the next row sees it only through the 7x7 window, within 3 columns.
     */
    boolean dependsOn(int ir, int ic, int jr, int jc) {
      return switch (arch) {
        case "pixelcnn" -> true;
        case "row" -> (ir == jr && ic == jc + 1) || (ir == jr + 1 && Math.abs(ic - jc) <= 1);
        default -> !(jc == width - 1 && ir == jr + 1 && ic < jc - PixelRnnConfig.FIRST_KERNEL / 2);
      };
    }
  }

  /** Every model in both modes, and the class-conditional PixelCNN, on 6x5 images. */
  static List<Kind> kinds() {
    return List.of(
        new Kind("gated PixelCNN, binary", 6, 5, PixelLevels.BINARY, "pixelcnn", 0),
        new Kind("gated PixelCNN, 256 levels", 6, 5, PixelLevels.GREY_256, "pixelcnn", 0),
        new Kind("gated PixelCNN, binary, 3 classes", 6, 5, PixelLevels.BINARY, "pixelcnn", 3),
        new Kind("Row LSTM, binary", 6, 5, PixelLevels.BINARY, "row", 0),
        new Kind("Row LSTM, 256 levels", 6, 5, PixelLevels.GREY_256, "row", 0),
        new Kind("Diagonal BiLSTM, binary", 6, 5, PixelLevels.BINARY, "diagonal", 0),
        new Kind("Diagonal BiLSTM, 256 levels", 6, 5, PixelLevels.GREY_256, "diagonal", 0));
  }

  /**
   * {@link #kinds()} and images wider than the gated PixelCNN's reach (3 layers of 5 wide kernels: 6
   * columns), so that its sampler's column window is narrower than the row.
   */
  static List<Kind> kindsForTheSampler() {
    List<Kind> all = new java.util.ArrayList<>(kinds());
    all.add(new Kind("gated PixelCNN, binary, 4x12", 4, 12, PixelLevels.BINARY, "pixelcnn", 0));
    all.add(new Kind("Diagonal BiLSTM, binary, 4x12", 4, 12, PixelLevels.BINARY, "diagonal", 0));
    return all;
  }

  /** {@code n} random images of the kind's levels: 0/1, or grey levels v/255. */
  static float[] randomPixels(Kind kind, int n, long seed) {
    PhiloxStream rng = PhiloxStream.seeded(seed);
    float[] x = new float[n * kind.height() * kind.width()];
    for (int i = 0; i < x.length; i++) {
      x[i] = kind.levels() == PixelLevels.BINARY ? rng.nextInt(2) : rng.nextInt(256) / 255f;
    }
    return x;
  }

  static Tensor images(Kind kind, float[] pixels) {
    return F.of(pixels, Shape.of(pixels.length / (kind.height() * kind.width()), 1, kind.height(), kind.width()))
        .cast(DType.FLOAT64);
  }

  /** Labels {@code i mod classes} for a conditional kind, else null. */
  static Tensor labels(Kind kind, int n) {
    if (kind.classes() == 0) {
      return null;
    }
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = i % kind.classes();
    }
    return F.of(l, Shape.of(n));
  }
}
