package org.vae4j.models.pixel;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.distributions.Bernoulli;
import org.vae4j.core.distributions.Categorical;

/**
 * What a pixel model predicts at each pixel, and so how its logits become a likelihood: a Bernoulli over
 * binarised pixels {0, 1} (one logit), or a 256-way categorical over grey levels {@code 0, 1/255, ..., 1}
 * (256 logits). Images are {@code (N, 1, H, W)} floats in [0, 1] in both cases: 0 and 1 when binary,
 * multiples of 1/255 when grey.
 */
public enum PixelLevels {
  /** Binarised images, {@code p(x_i = 1 | x_<i) = sigmoid(logit)}. */
  BINARY(2),
  /** 256 grey levels, {@code p(x_i = v/255 | x_<i) = softmax(logits)_v}. */
  GREY_256(256);

  private final int levels;

  PixelLevels(int levels) {
    this.levels = levels;
  }

  /** The levels for {@code levels} values per pixel (2 or 256). */
  public static PixelLevels of(int levels) {
    for (PixelLevels l : values()) {
      if (l.levels == levels) {
        return l;
      }
    }
    throw new IllegalArgumentException("pixel levels " + levels + " are not modelled; give 2 (binarised images)"
        + " or 256 (grey levels)");
  }

  /** Values a pixel can take: 2 or 256. */
  public int levels() {
    return levels;
  }

  /** Logits per pixel: 1 for a Bernoulli, 256 for the categorical. */
  public int logitChannels() {
    return this == BINARY ? 1 : levels;
  }

  /** The network's view of images in [0, 1]: {@code 2x - 1}, so that black differs from the zero padding. */
  Tensor networkInput(Tensor images) {
    return images.mul(2.0).sub(1.0);
  }

  /** The same for one host value. */
  static double networkInput(float pixel) {
    return 2.0 * pixel - 1.0;
  }

  /**
   * {@code log p(x_i | x_<i)} of every pixel in nats, {@code (N, H, W)}.
   *
   * @param logits {@code (N, logitChannels, H, W)}
   * @param images {@code (N, 1, H, W)}
   */
  Tensor logProbPerPixel(Tensor logits, Tensor images) {
    if (this == BINARY) {
      return Functions.bceWithLogits(logits, images).neg().squeeze(1);
    }
    Tensor index = images.detach().mul((double) (levels - 1)).add(0.5).floor().cast(DType.INT32).squeeze(1);
    return Categorical.fromLogits(logits.permute(0, 2, 3, 1)).logProb(index);
  }

  /**
   * Draws one pixel value per row of {@code logits (n, logitChannels)}: 0 or 1, or a grey level v/255.
   *
   * @return {@code n} values in [0, 1]
   */
  float[] sample(Tensor logits, RandomStream rng) {
    if (this == BINARY) {
      return Bernoulli.fromLogits(logits.reshape(-1)).sample(rng, Shape.scalar()).toFloatArray();
    }
    int[] v = Categorical.fromLogits(logits).sample(rng, Shape.scalar()).toIntArray();
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] / (float) (levels - 1);
    }
    return out;
  }

  /**
   * Checks host pixel values: each must be 0 or 1 ({@link #BINARY}) or a multiple of 1/255 in [0, 1].
   *
   * @throws IllegalArgumentException naming the first value that is not, and the fix
   */
  public void check(String what, float[] pixels) {
    for (int i = 0; i < pixels.length; i++) {
      float p = pixels[i];
      boolean ok = this == BINARY ? p == 0f || p == 1f
          : p >= 0f && p <= 1f && Math.abs(p * (levels - 1) - Math.rint(p * (levels - 1))) < 1e-3;
      if (!ok) {
        throw new IllegalArgumentException(what + ": pixel " + i + " is " + p + ", but a " + this
            + " model needs " + (this == BINARY ? "0 or 1; binarise the images (--binarize on the command line)"
                : "a grey level v/255 in [0, 1]"));
      }
    }
  }
}
