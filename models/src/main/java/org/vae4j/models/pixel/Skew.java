package org.vae4j.models.pixel;

import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/**
 * The skew of the Diagonal BiLSTM: row i of a map {@code (N, C, H, W)} shifted right by i into a map
 * {@code (N, C, H, W + H - 1)}, so that the diagonals {@code r + c = t} of the image become the columns
 * {@code t}; and its inverse. Both are a pad, reshapes and a slice (row i of length {@code W + H} read with
 * a stride of {@code W + H - 1} lands one place further right than row i - 1), so they are differentiable
 * on every backend. Stateless.
 */
final class Skew {
  private Skew() {
  }

  /** {@code out[n, c, i, i + j] = x[n, c, i, j]}, zero elsewhere: {@code (N, C, H, W + H - 1)}. */
  static Tensor skew(Tensor x) {
    int n = x.dim(0);
    int ch = x.dim(1);
    int h = x.dim(2);
    int w = x.dim(3);
    int wide = w + h - 1;
    Tensor padded = x.pad(new int[] {0, 0, 0, 0}, new int[] {0, 0, 0, h}, 0.0);
    return padded.reshape(n, ch, h * (w + h)).slice(2, 0, h * wide).reshape(n, ch, h, wide);
  }

  /** The inverse of {@link #skew} for images {@code width} wide: {@code (N, C, H, width)}. */
  static Tensor unskew(Tensor skewed, int width) {
    int n = skewed.dim(0);
    int ch = skewed.dim(1);
    int h = skewed.dim(2);
    int wide = skewed.dim(3);
    if (wide != width + h - 1) {
      throw new IllegalArgumentException("Skew.unskew: a skewed map " + skewed.shape() + " is not " + (width + h - 1)
          + " wide, as " + h + " rows of " + width + " make");
    }
    Tensor flat = skewed.reshape(n, ch, h * wide).pad(new int[] {0, 0, 0}, new int[] {0, 0, h}, 0.0);
    return flat.reshape(n, ch, h, width + h).slice(3, 0, width);
  }

  /**
   * An additive bias {@code (1, 4 hidden, H, W + H - 1)} for the gates of a skewed LSTM: {@code -1e4} on the
   * input and forget gates at the positions the skew filled with padding, 0 elsewhere. With both gates at
   * {@code sigmoid(-1e4) = 0} the cell state there is exactly 0, and so is the hidden state: positions outside
   * the image hold a zero state, as the edges of the Row LSTM and the sampler's per-pixel steps do, and pass no
   * gradient.
   */
  static Tensor outsideImageGateBias(Tensor like, int hidden, int height, int width) {
    int wide = width + height - 1;
    double[] b = new double[4 * hidden * height * wide];
    for (int g = 0; g < 2 * hidden; g++) {
      for (int i = 0; i < height; i++) {
        for (int t = 0; t < wide; t++) {
          int c = t - i;
          if (c < 0 || c >= width) {
            b[(g * height + i) * wide + t] = -1e4;
          }
        }
      }
    }
    return like.factory().of(b, Shape.of(1, 4 * hidden, height, wide), like.dtype());
  }

  /** The map mirrored left to right: {@code out[..., j] = x[..., W - 1 - j]}. */
  static Tensor flipWidth(Tensor x) {
    int w = x.dim(3);
    int[] reversed = new int[w];
    for (int j = 0; j < w; j++) {
      reversed[j] = w - 1 - j;
    }
    Tensor index = x.factory().of(reversed, Shape.of(1, 1, 1, w)).expand(x.shape());
    return x.gather(3, index);
  }
}
