package org.vae4j.models.pixel;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Functions;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.distributions.Validation;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.TrainableModel;

/**
 * An autoregressive model of images over pixels in raster order: {@code p(x) = prod_i p(x_i | x_<i)}, one
 * classification per pixel ({@link PixelLevels}), so {@link #logProb} is the exact log-likelihood, not a bound.
 * The network gives the conditionals of all pixels in one pass ({@link #logits}, teacher forcing), and
 * {@link #sample} / {@link #complete} draw pixel by pixel through an incremental {@link PixelSampler}.
 *
 * <p>Images are {@code (N, 1, H, W)} in [0, 1] (0/1 for {@link PixelLevels#BINARY}, v/255 for grey levels);
 * class-conditional models take INT32 labels {@code (N)}, the others ignore them (null is fine).
 * {@link #loss} is {@code -log p(x)} in nats per image, averaged over the batch. Not thread-safe.
 */
public abstract class PixelModel extends ModuleBase implements TrainableModel {
  private static final double LN2 = Math.log(2.0);
  private static final int EVALUATION_CHUNK = 100;

  private final int height;
  private final int width;
  private final PixelLevels levels;
  private final int classes;

  /**
   * @param classes labels a conditional model is conditioned on, or 0 for an unconditional one
   */
  protected PixelModel(int height, int width, PixelLevels levels, int classes) {
    if (height < 1 || width < 1 || levels == null || classes < 0) {
      throw new IllegalArgumentException("PixelModel: need images of at least 1x1, levels and classes >= 0, got "
          + height + "x" + width + ", " + levels + ", " + classes);
    }
    this.height = height;
    this.width = width;
    this.levels = levels;
    this.classes = classes;
  }

  /** Image rows. */
  public final int height() {
    return height;
  }

  /** Image columns. */
  public final int width() {
    return width;
  }

  /** Binary or 256 grey levels. */
  public final PixelLevels levels() {
    return levels;
  }

  /** Labels the model is conditioned on, 0 when unconditional. */
  public final int classes() {
    return classes;
  }

  /**
   * Unnormalised logits {@code (N, logitChannels, H, W)} of every pixel's conditional given the pixels before
   * it: the logits at pixel i never depend on pixels {@code >= i}.
   */
  public final Tensor logits(Tensor images, Tensor labels) {
    checkImages("logits", images);
    return network(levels.networkInput(images), condition(labels, images.dim(0)));
  }

  /**
   * The network on the {@link PixelLevels#networkInput} of checked images.
   *
   * @param condition one-hot labels {@code (N, classes)}, or null for an unconditional model
   */
  protected abstract Tensor network(Tensor input, Tensor condition);

  /** A sampler for {@code n} images with these one-hot labels (null when unconditional). */
  abstract PixelSampler sampler(int n, Tensor condition);

  /** {@code log p(x)} in nats per image, exact: {@code (N)}. */
  public final Tensor logProb(Tensor images, Tensor labels) {
    return levels.logProbPerPixel(logits(images, labels), images).sum(new int[] {1, 2}, false);
  }

  @Override
  public Tensor loss(Batch batch, RandomStream rng) {
    return logProb(batch.inputs(), batch.labels()).mean().neg();
  }

  /**
   * The same as {@link #loss}, computed on chunks of at most {@value #EVALUATION_CHUNK} images, each in its own
   * scope, so that a large test batch never holds the activations of all its images at once.
   */
  @Override
  public Tensor evaluationLoss(Batch batch, RandomStream rng) {
    int n = batch.size();
    if (n <= EVALUATION_CHUNK || NoGrad.isRecording()) {
      return loss(batch, rng);
    }
    double sum = 0;
    for (int from = 0; from < n; from += EVALUATION_CHUNK) {
      int to = Math.min(n, from + EVALUATION_CHUNK);
      try (Scope s = Scope.open()) {
        Tensor labels = batch.labels() == null ? null : batch.labels().slice(0, from, to);
        sum += logProb(batch.inputs().slice(0, from, to), labels).sum().item();
      }
    }
    return batch.inputs().factory().scalar(-sum / n, batch.inputs().dtype());
  }

  /** {@code -log2 p(x) / (H W)} averaged over the batch, on the host; records no gradient. */
  public final double bitsPerDimension(Tensor images, Tensor labels) {
    try (NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      return -logProb(images, labels).mean().item() / (LN2 * height * width);
    }
  }

  /**
   * Draws {@code n} images pixel by pixel in raster order, each pixel from its conditional given those drawn
   * before. Records no gradient.
   *
   * @param labels INT32 {@code (n)} for a conditional model, else null
   * @return {@code (n, 1, H, W)} in the caller's scope
   */
  public final Tensor sample(int n, Tensor labels, RandomStream rng) {
    if (n < 1) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ".sample: n must be >= 1, got " + n);
    }
    return draw(new float[n * height * width], new boolean[height * width], labels, rng, null);
  }

  /**
   * Completes images: the pixels where {@code mask} is 1 are kept from {@code images}, the others are drawn in
   * raster order, each given every pixel before it (given or drawn). For a mask that gives whole rows at the
   * top, this samples exactly from {@code p(rest | given rows)}; for other masks the given pixels after a drawn
   * one do not inform it.
   *
   * @param images {@code (n, 1, H, W)}
   * @param mask   {@code (H, W)} of 0 and 1, one mask for every image
   * @return {@code (n, 1, H, W)} in the caller's scope
   */
  public final Tensor complete(Tensor images, Tensor mask, Tensor labels, RandomStream rng) {
    checkImages("complete", images);
    if (!mask.shape().equals(Shape.of(height, width))) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ".complete: mask " + mask.shape()
          + " must be (" + height + ", " + width + "), 1 where a pixel is given");
    }
    float[] m = mask.toFloatArray();
    boolean[] given = new boolean[m.length];
    for (int i = 0; i < m.length; i++) {
      if (m[i] != 0f && m[i] != 1f) {
        throw new IllegalArgumentException(getClass().getSimpleName() + ".complete: mask value " + m[i]
            + " at " + i + " is not 0 or 1");
      }
      given[i] = m[i] == 1f;
    }
    return draw(images.toFloatArray(), given, labels, rng, null);
  }

  /**
   * The logits of every pixel computed the way {@link #sample} computes them, pixel by pixel through the
   * sampler's caches, for the given images: equal to {@link #logits} up to rounding when the caches are right.
   * For tests and benchmarks; records no gradient.
   *
   * @return {@code (N, logitChannels, H, W)}
   */
  public final Tensor logitsAsSampled(Tensor images, Tensor labels) {
    checkImages("logitsAsSampled", images);
    int n = images.dim(0);
    boolean[] all = new boolean[height * width];
    java.util.Arrays.fill(all, true);
    int k = levels.logitChannels();
    double[] collected = new double[n * k * height * width];
    draw(images.toFloatArray(), all, labels, null, collected);
    return images.factory().of(collected, Shape.of(n, k, height, width), dtype());
  }

  private Tensor draw(float[] canvas, boolean[] given, Tensor labels, RandomStream rng, double[] collect) {
    int n = canvas.length / (height * width);
    TensorFactory f = factory();
    boolean training = isTraining();
    train(false);
    int k = levels.logitChannels();
    int pixels = height * width;
    try (NoGrad ignored = NoGrad.enter(); Scope outer = Scope.open();
        PixelSampler sampler = sampler(n, condition(labels, n))) {
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          int p = r * width + c;
          try (Scope step = Scope.open()) {
            Tensor logits = sampler.logitsAt(canvas, r, c);
            if (collect != null) {
              double[] l = logits.toDoubleArray();
              for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                  collect[(i * k + j) * pixels + p] = l[i * k + j];
                }
              }
            }
            if (!given[p]) {
              float[] v = levels.sample(logits, rng);
              for (int i = 0; i < n; i++) {
                canvas[i * pixels + p] = v[i];
              }
            }
          }
        }
      }
    } finally {
      train(training);
    }
    return f.of(canvas, Shape.of(n, 1, height, width));
  }

  /** Where this model's tensors live. */
  protected final TensorFactory factory() {
    return namedParameters().values().iterator().next().factory();
  }

  /** The parameters' dtype. */
  protected final DType dtype() {
    return namedParameters().values().iterator().next().dtype();
  }

  /** One-hot labels {@code (n, classes)} for a conditional model, null for an unconditional one. */
  private Tensor condition(Tensor labels, int n) {
    if (classes == 0) {
      return null;
    }
    if (labels == null || labels.dtype() != DType.INT32 || !labels.shape().equals(Shape.of(n))) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": a model conditioned on " + classes
          + " classes needs INT32 labels (" + n + "), got " + (labels == null ? "none"
              : labels.dtype() + " " + labels.shape()));
    }
    return Functions.oneHot(labels, classes, dtype());
  }

  private void checkImages(String op, Tensor images) {
    if (images.rank() != 4 || images.dim(1) != 1 || images.dim(2) != height || images.dim(3) != width) {
      throw new IllegalArgumentException(getClass().getSimpleName() + "." + op + ": images " + images.shape()
          + " must be (N, 1, " + height + ", " + width + ") as the model was built for " + height + "x" + width);
    }
    if (Validation.isEnabled()) {
      levels.check(getClass().getSimpleName() + "." + op, images.toFloatArray());
    }
  }
}
