package org.vae4j.examples.train;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What fixes a model's architecture, enough to rebuild it from a run folder: the kind ({@code vae},
 * {@code cvae}, ...), the image size and class count of the data, the latent and hidden sizes, and the
 * training-set size (Bayes by Backprop scales its KL term by it). Stored in {@code run.json}.
 *
 * @param kind      the {@code train} model name
 * @param rows      image rows
 * @param cols      image columns
 * @param classes   number of classes of the data
 * @param latent    latent dimensions (ignored by models without a latent code)
 * @param hidden    hidden layer widths; a fresh copy is kept
 * @param trainSize training examples
 * @param parent    the run folder of the model this one builds on (the VQ-VAE of a PixelCNN prior), or null
 * @param options   model-specific settings given with {@code train --set key=value} and completed by the
 *                  recipe (the pixel models' levels, sizes, architecture); empty for the other models, and for
 *                  a {@code run.json} written before they existed
 */
public record ModelSpec(String kind, int rows, int cols, int classes, int latent, int[] hidden, int trainSize,
    String parent, Map<String, String> options) {
  public ModelSpec {
    if (rows < 1 || cols < 1 || classes < 1 || latent < 1 || hidden.length == 0 || trainSize < 1) {
      throw new IllegalArgumentException("model " + kind + ": rows " + rows + ", cols " + cols + ", classes "
          + classes + ", latent " + latent + ", hidden " + Arrays.toString(hidden) + " and training size "
          + trainSize + " must all be >= 1");
    }
    hidden = hidden.clone();
    options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
  }

  /** A spec without model options. */
  public ModelSpec(String kind, int rows, int cols, int classes, int latent, int[] hidden, int trainSize,
      String parent) {
    this(kind, rows, cols, classes, latent, hidden, trainSize, parent, Map.of());
  }

  /** Option {@code key}, or null when not set. */
  public String option(String key) {
    return options.get(key);
  }

  /** {@code rows * cols}. */
  public int pixels() {
    return rows * cols;
  }

  /** The hidden widths; a fresh copy. */
  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  /** The first hidden width, for models with one hidden layer. */
  public int firstHidden() {
    return hidden[0];
  }

  /**
   * One line for logs and summaries: the layer widths of MLP models ({@code vae 784-400-20}), the image size
   * and latent size of convolutional ones ({@code convvae 28x28 conv-20}, {@code vqvae 28x28}), the image size
   * and options of models with options ({@code pixelrnn 28x28 arch=diagonal hidden=16 layers=2 levels=2}).
   */
  public String describe() {
    switch (kind) {
      case "convvae":
        return kind + " " + rows + "x" + cols + " conv-" + latent;
      case "vqvae", "pixelcnn":
        return kind + " " + rows + "x" + cols;
      default:
        break;
    }
    if (!options.isEmpty()) {
      StringBuilder b = new StringBuilder(kind).append(' ').append(rows).append('x').append(cols);
      options.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
      return b.toString();
    }
    StringBuilder b = new StringBuilder(kind).append(' ').append(pixels());
    for (int h : hidden) {
      b.append('-').append(h);
    }
    return b.append(String.format(Locale.ROOT, "-%d", latent)).toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelSpec m && kind.equals(m.kind) && rows == m.rows && cols == m.cols
        && classes == m.classes && latent == m.latent && Arrays.equals(hidden, m.hidden) && trainSize == m.trainSize
        && Objects.equals(parent, m.parent) && options.equals(m.options);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * kind.hashCode() + latent) + Arrays.hashCode(hidden);
  }

  @Override
  public String toString() {
    return describe();
  }
}
