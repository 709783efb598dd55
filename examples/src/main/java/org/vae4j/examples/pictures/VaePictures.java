package org.vae4j.examples.pictures;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.models.VariationalModel;

/**
 * The pictures of a trained VAE: inputs above their reconstructions, samples from the prior, walks
 * between test images in latent space, and for a 2-D latent the decoded manifold and the scatter of test
 * codes. Conditional models are drawn through a view per batch of labels ({@link Views}); unconditional ones
 * ignore the labels.
 *
 * <p>All tensors are made in scopes of their own and closed before returning. Not thread-safe (draws from
 * one random stream).
 */
public final class VaePictures {
  /** Images per row of the reconstruction, sample and interpolation pictures. */
  public static final int COLUMNS = 10;
  /** Cells per side of the manifold picture. */
  public static final int MANIFOLD_SIDE = 20;

  /** A model conditioned on one label per example (or ignoring them). */
  @FunctionalInterface
  public interface Views {
    /** The model for a batch whose examples have these labels. */
    VariationalModel on(int[] labels);
  }

  private final TensorFactory tensors;
  private final Shape exampleShape;
  private final int rows;
  private final int cols;
  private final ImageGrid grid;
  private final RandomStream rng;
  private final String heading;

  /**
   * Pictures made with {@code tensors}, feeding the model examples of {@code exampleShape} (for
   * {@code rows x cols} images), drawing noise from a stream seeded with {@code seed}.
   *
   * @param heading the model, data and epoch, for every picture's title ({@code vae 784-400-20, mnist-10k,
   *                epoch 10})
   */
  public VaePictures(TensorFactory tensors, Shape exampleShape, int rows, int cols, long seed, String heading) {
    this.tensors = tensors;
    this.exampleShape = exampleShape;
    this.rows = rows;
    this.cols = cols;
    this.grid = new ImageGrid(rows, cols, COLUMNS);
    this.rng = PhiloxStream.seeded(seed);
    this.heading = heading;
  }

  /** Three rows of the first test images, each above the row of their reconstructions. */
  public void reconstructions(Path file, Views model, ImageDataset test) {
    int n = Math.min(3 * COLUMNS, test.size());
    var batch = test.slice(0, n);
    try (Scope s = Scope.open()) {
      Tensor x = images(batch.images(), n);
      float[] recon = model.on(batch.labels()).reconstruct(x).toFloatArray();
      grid.comparisonFigure(batch.images(), recon, n).title("Reconstructions: " + heading)
          .caption("The first " + n + " test images (input) above their reconstructions: the decoder's mean "
              + "at the posterior mean of z.").write(file);
    }
  }

  /**
   * Ten rows of prior samples; for a conditional model ({@code labelRows}) row {@code r} shows label
   * {@code r mod classes} and says so.
   */
  public void samples(Path file, Views model, int classes, boolean labelRows) {
    int n = COLUMNS * COLUMNS;
    int[] labels = new int[n];
    List<String> rowLabels = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels[i] = (i / COLUMNS) % classes;
      if (labelRows && i % COLUMNS == 0) {
        rowLabels.add("label " + labels[i]);
      }
    }
    try (Scope s = Scope.open()) {
      grid.figure(model.on(labels).sample(n, rng).toFloatArray(), n).title("Samples: " + heading)
          .caption(n + " draws of z from the prior N(0, I)" + (labelRows ? ", one label per row" : "")
              + ", each shown as the decoder's mean.").leftLabels(rowLabels).write(file);
    }
  }

  /**
   * One row per pair of test images of different labels: the decoded straight line between their latent
   * means, from the first image's code to the second's. A conditional model walks under the first label.
   */
  public void interpolation(Path file, Views model, ImageDataset test) {
    int rowsWanted = Math.min(6, test.size() / 2);
    float[] out = new float[rowsWanted * COLUMNS * test.pixelsPerImage()];
    List<String> from = new java.util.ArrayList<>();
    List<String> to = new java.util.ArrayList<>();
    int row = 0;
    for (int i = 0; row < rowsWanted && i + 1 < test.size(); i += 2) {
      int a = i;
      int b = i + 1;
      while (b < test.size() - 1 && test.label(b) == test.label(a) && test.numClasses() > 1) {
        b++;
      }
      try (Scope s = Scope.open()) {
        float[] line = walk(model, test, a, b);
        System.arraycopy(line, 0, out, row * line.length, line.length);
      }
      from.add("test #" + a + " (" + test.label(a) + ")");
      to.add("test #" + b + " (" + test.label(b) + ")");
      row++;
    }
    grid.figure(out, row * COLUMNS).title("Interpolations: " + heading).leftLabels(from).rightLabels(to)
        .caption("Each row decodes " + COLUMNS + " evenly spaced points on the straight line between the "
            + "posterior means of two test images of different labels (left: start, right: end; label in "
            + "brackets).").write(file);
  }

  /**
   * The decoded means of a {@value #MANIFOLD_SIDE} x {@value #MANIFOLD_SIDE} grid over a 2-D latent plane:
   * coordinates are normal quantiles of evenly spaced probabilities, so the grid covers the prior's mass
   * evenly (Kingma and Welling 2014, figure 4). The first latent axis runs left to right, the second bottom
   * to top.
   */
  public void manifold(Path file, VariationalModel model) {
    int side = MANIFOLD_SIDE;
    double[] q = NormalQuantile.grid(side);
    double[] z = new double[side * side * 2];
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        z[2 * (r * side + c)] = q[c];
        z[2 * (r * side + c) + 1] = q[side - 1 - r];
      }
    }
    try (Scope s = Scope.open(); NoGrad ignored = NoGrad.enter()) {
      Tensor codes = tensors.of(z, Shape.of(side * side, 2), model.prior().mean().dtype());
      float[] decoded = model.decode(codes).mean().toFloatArray();
      Figure f = new ImageGrid(rows, cols, side).withScale(2).withBorder(1).figure(decoded, side * side)
          .title("Latent manifold: " + heading)
          .caption("The decoder's mean at " + side + " x " + side + " points z = (z[0], z[1]) at normal quantiles "
              + "of evenly spaced probabilities, so each cell covers as much prior mass; z[0] grows to the "
              + "right and z[1] upwards, with the axes of latent-scatter.png.");
      for (int i = 0; i < side; i += 3) {
        f.xTick(i, String.format(java.util.Locale.ROOT, "%.1f", q[i]), "z[0]");
        f.yTick(side - 1 - i, String.format(java.util.Locale.ROOT, "%.1f", q[i]), "z[1]");
      }
      f.xTick(side - 1, String.format(java.util.Locale.ROOT, "%.1f", q[side - 1]), "z[0]");
      f.yTick(0, String.format(java.util.Locale.ROOT, "%.1f", q[side - 1]), "z[1]");
      f.write(file);
    }
  }

  /** The latent means of the test images (a 2-D latent), one dot per image coloured by its label. */
  public void latentScatter(Path file, Views model, ImageDataset test, List<String> classNames) {
    int n = test.size();
    float[] points = new float[2 * n];
    int batchSize = 500;
    for (int from = 0; from < n; from += batchSize) {
      int to = Math.min(n, from + batchSize);
      var batch = test.slice(from, to);
      try (Scope s = Scope.open()) {
        float[] codes = model.on(batch.labels()).encodeMean(images(batch.images(), to - from)).toFloatArray();
        System.arraycopy(codes, 0, points, 2 * from, codes.length);
      }
    }
    LatentScatter.write(file, points, test.labels(), classNames, "Latent codes of test images: " + heading);
  }

  /** The decoded means of {@value #COLUMNS} codes evenly spaced from image a's latent mean to image b's. */
  private float[] walk(Views model, ImageDataset test, int a, int b) {
    try (NoGrad ignored = NoGrad.enter()) {
      float[] pair = new float[2 * test.pixelsPerImage()];
      System.arraycopy(test.image(a), 0, pair, 0, test.pixelsPerImage());
      System.arraycopy(test.image(b), 0, pair, test.pixelsPerImage(), test.pixelsPerImage());
      int label = test.label(a);
      Tensor codes = model.on(new int[] {label, label}).encodeMean(images(pair, 2));
      double[] t = new double[COLUMNS];
      for (int i = 0; i < COLUMNS; i++) {
        t[i] = (double) i / (COLUMNS - 1);
      }
      Tensor z1 = codes.slice(0, 0, 1);
      Tensor steps = tensors.of(t, Shape.of(COLUMNS, 1), codes.dtype());
      Tensor line = z1.add(steps.mul(codes.slice(0, 1, 2).sub(z1)));
      int[] labels = new int[COLUMNS];
      Arrays.fill(labels, label);
      return model.on(labels).decode(line).mean().toFloatArray();
    }
  }

  /** {@code n} images as one tensor {@code (n) ++ exampleShape}, in the current scope. */
  private Tensor images(float[] pixels, int n) {
    return tensors.of(pixels, exampleShape.prepend(n));
  }
}
