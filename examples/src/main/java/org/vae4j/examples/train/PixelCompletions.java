package org.vae4j.examples.train;

import java.nio.file.Path;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.examples.pictures.ImageGrid;
import org.vae4j.models.pixel.PixelModel;

/**
 * The completions picture of a pixel model: one grid row per image, showing what the model was given (the top
 * rows; the hidden rest mid-grey), then several completions drawn from {@code p(rest | top rows)}, then the
 * image itself. Stateless.
 */
public final class PixelCompletions {
  private PixelCompletions() {
  }

  /**
   * Completes {@code n} images {@code samples} times each and writes the grid to {@code file}.
   *
   * @param images    {@code n * H * W} pixels the model can read (binary for a binary model)
   * @param labels    the images' labels (used by a conditional model)
   * @param givenRows rows at the top that the model is given, {@code 1 .. H - 1}
   * @param heading   what the picture shows, for its title: model, data and epoch ({@link PictureContext#heading})
   */
  public static void write(Path file, PixelModel model, TensorFactory tensors, float[] images, int[] labels, int n,
      int givenRows, int samples, RandomStream rng, String heading) {
    int h = model.height();
    int w = model.width();
    int pixels = h * w;
    if (givenRows < 1 || givenRows >= h) {
      throw new RunInputException("completions: " + givenRows + " given rows are outside 1.." + (h - 1) + " for "
          + h + "-row images");
    }
    double[] mask = new double[pixels];
    java.util.Arrays.fill(mask, 0, givenRows * w, 1.0);
    float[] repeated = new float[n * samples * pixels];
    int[] repeatedLabels = new int[n * samples];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < samples; k++) {
        System.arraycopy(images, i * pixels, repeated, (i * samples + k) * pixels, pixels);
        repeatedLabels[i * samples + k] = labels[i];
      }
    }
    float[] completed;
    try (Scope s = Scope.open()) {
      Tensor x = tensors.of(repeated, Shape.of(n * samples, 1, h, w));
      Tensor l = model.classes() > 0 ? tensors.of(repeatedLabels, Shape.of(n * samples)) : null;
      completed = model.complete(x, tensors.of(mask, Shape.of(h, w)), l, rng).toFloatArray();
    }
    int columns = samples + 2;
    float[] grid = new float[n * columns * pixels];
    for (int i = 0; i < n; i++) {
      int row = i * columns * pixels;
      for (int p = 0; p < pixels; p++) {
        grid[row + p] = p < givenRows * w ? images[i * pixels + p] : 0.5f;
      }
      System.arraycopy(completed, i * samples * pixels, grid, row + pixels, samples * pixels);
      System.arraycopy(images, i * pixels, grid, row + (samples + 1) * pixels, pixels);
    }
    new ImageGrid(h, w, columns).figure(grid, n * columns).title("Completions: " + heading)
        .caption("Each row: the top " + givenRows + " rows of a test image (the rest grey), " + samples
            + " completions drawn pixel by pixel, and the whole test image.")
        .write(file);
  }
}
