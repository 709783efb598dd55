package org.vae4j.backend.pure;

import java.util.Arrays;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * Unfolds one image {@code (C, H, W)} into a column matrix {@code (C * KH * KW, OH * OW)} of a
 * convolution, and folds such a matrix back by adding (the adjoint). The matrix may be a block of columns
 * of a wider one, at column offset {@code colOff} with row stride {@code ld}, so that several images sit
 * side by side. Row {@code (c * KH + kh) * KW + kw}, column {@code oh * OW + ow} holds
 * {@code x[c, oh * strideH - padH + kh * dilationH, ow * strideW - padW + kw * dilationW]}, zero outside the
 * image.
 *
 * <p>Two ways through a row, chosen once per geometry. Output rows of at least {@value #LONG_ROW} columns, and every
 * FLOAT64 row (gradient checks, not training speed), are copied as runs of input elements, one run per output row.
 * Narrower FLOAT32 ones (a 4 x 4 stride-2 kernel making a 7 x 7 map, say) read through a table made with the geometry:
 * for each kernel tap and output position, its offset in an input plane, so that a row of the matrix is one loop over
 * its {@code OH * OW} contiguous columns instead of {@code OH} runs of a few elements each. With the Vector API, those
 * rows are gathered (unfolding 1.4-1.9 ns an element became 0.6 here for a 32-channel 14 x 14 input under that kernel,
 * folding 1.3-1.5 became 0.9-1.2); and a tap that is the plane shifted by a constant ({@link #shift}: any tap of a
 * stride-1 convolution whose output is as wide as its input) is copied and added as contiguous vectors masked at the
 * padding, cheaper still (its convolution's forward ran 28-38 % faster than with gathers on 7 x 7 maps under 3 x 3 and
 * 5 x 5 kernels). All give the same bits: unfolding copies, and folding adds into each input element in the same order
 * of channels and taps (within one tap no two positions share an input element).
 * Immutable and thread-safe.
 */
final class Im2col {
  /** Output rows at least this wide are copied as runs; narrower ones go through the table. */
  static final int LONG_ROW = 16;
  private static final int NO_SHIFT = Integer.MIN_VALUE;

  private final int channels;
  private final int height;
  private final int width;
  private final int kernelH;
  private final int kernelW;
  private final int outH;
  private final int outW;
  private final Conv2dSpec spec;
  /**
   * Per tap {@code t = kh * KW + kw} and output position {@code q}: {@code offset[t * OH * OW + q]}, the input
   * plane offset {@code ih * W + iw}, or 0 where {@link #padding} is set (a valid index for a gather that the
   * padding masks); both null where rows are copied as runs.
   */
  private final int[] offset;
  private final boolean[] padding;
  /**
   * Per tap: {@code s} where every position {@code q} outside the padding reads plane offset {@code q + s} (each
   * tap of a stride-1 convolution whose output is as wide as its input), else {@link #NO_SHIFT}. Such a tap is
   * the plane shifted by {@code s}: copied, or added, as one run where it has no padding (every tap of a 1 x 1
   * kernel, the centre of a padded 3 x 3), as contiguous vectors masked by {@link #padding} where it has.
   */
  private final int[] shift;
  /** Per tap: whether any of its positions falls in the padding. */
  private final boolean[] padded;

  private Im2col(int channels, int height, int width, int kernelH, int kernelW, Conv2dSpec spec) {
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.kernelH = kernelH;
    this.kernelW = kernelW;
    this.outH = spec.outH(height, kernelH);
    this.outW = spec.outW(width, kernelW);
    this.spec = spec;
    int[] source = outW >= LONG_ROW || outH < 1 || outW < 1 ? null : sources();
    this.offset = source == null ? null : Arrays.stream(source).map(at -> Math.max(at, 0)).toArray();
    this.padding = source == null ? null : padding(source);
    this.shift = source == null ? null : shifts(source, kernelH * kernelW, outH * outW);
    this.padded = source == null ? null : paddedTaps(padding, kernelH * kernelW, outH * outW);
  }

  static Im2col of(int channels, int height, int width, int kernelH, int kernelW, Conv2dSpec spec) {
    return new Im2col(channels, height, width, kernelH, kernelW, spec);
  }

  /** Each tap's input plane offset at each output position, -1 in the padding: {@link #offset}'s layout. */
  private int[] sources() {
    int positions = outH * outW;
    int[] at = new int[kernelH * kernelW * positions];
    for (int kh = 0; kh < kernelH; kh++) {
      for (int kw = 0; kw < kernelW; kw++) {
        int tap = (kh * kernelW + kw) * positions;
        for (int oh = 0; oh < outH; oh++) {
          int ih = oh * spec.strideH() - spec.padH() + kh * spec.dilationH();
          for (int ow = 0; ow < outW; ow++) {
            int iw = ow * spec.strideW() - spec.padW() + kw * spec.dilationW();
            boolean inside = ih >= 0 && ih < height && iw >= 0 && iw < width;
            at[tap + oh * outW + ow] = inside ? ih * width + iw : -1;
          }
        }
      }
    }
    return at;
  }

  private static int[] shifts(int[] source, int taps, int positions) {
    int[] shift = new int[taps];
    for (int t = 0; t < taps; t++) {
      shift[t] = NO_SHIFT;
      for (int q = 0; q < positions; q++) {
        int at = source[t * positions + q];
        if (at < 0) {
          continue;
        }
        if (shift[t] == NO_SHIFT) {
          shift[t] = at - q;
        } else if (at - q != shift[t]) {
          shift[t] = NO_SHIFT;
          break;
        }
      }
    }
    return shift;
  }

  private static boolean[] paddedTaps(boolean[] padding, int taps, int positions) {
    boolean[] padded = new boolean[taps];
    for (int i = 0; i < padding.length; i++) {
      padded[i / positions] |= padding[i];
    }
    return padded;
  }

  private static boolean[] padding(int[] source) {
    boolean[] pad = new boolean[source.length];
    for (int i = 0; i < pad.length; i++) {
      pad[i] = source[i] < 0;
    }
    return pad;
  }

  int outH() {
    return outH;
  }

  int outW() {
    return outW;
  }

  /** Rows of the column matrix. */
  int rows() {
    return channels * kernelH * kernelW;
  }

  /** Columns of the column matrix. */
  int cols() {
    return outH * outW;
  }

  /** Elements of one image. */
  int imageSize() {
    return channels * height * width;
  }

  /** The first output column whose input column {@code iw0 + ow * strideW} is not left of the image. */
  private int firstInside(int iw0) {
    int sw = spec.strideW();
    return iw0 >= 0 ? 0 : Math.min(outW, (-iw0 + sw - 1) / sw);
  }

  /** One past the last output column whose input column lies left of the image's right edge. */
  private int lastInside(int iw0) {
    int sw = spec.strideW();
    return iw0 >= width ? 0 : Math.min(outW, (width - 1 - iw0) / sw + 1);
  }

  void unfold(float[] x, int xOff, float[] cols, int colOff, int ld) {
    if (offset == null) {
      unfoldRuns(x, xOff, cols, colOff, ld);
      return;
    }
    VectorLoops vector = VectorLoops.get();
    int taps = kernelH * kernelW;
    int positions = outH * outW;
    for (int c = 0; c < channels; c++) {
      int base = xOff + c * height * width;
      for (int t = 0; t < taps; t++) {
        int dst = (c * taps + t) * ld + colOff;
        int from = t * positions;
        if (shift[t] != NO_SHIFT && !padded[t]) {
          System.arraycopy(x, base + shift[t], cols, dst, positions);
          continue;
        }
        if (vector != null && shift[t] != NO_SHIFT) {
          vector.maskedCopy(x, base + shift[t], padding, from, cols, dst, positions);
          continue;
        }
        if (vector != null) {
          vector.gather(x, base, offset, padding, from, cols, dst, positions);
          continue;
        }
        for (int q = 0; q < positions; q++) {
          cols[dst + q] = padding[from + q] ? 0f : x[base + offset[from + q]];
        }
      }
    }
  }

  /** FLOAT64 (gradient checks, not training speed) always copies runs. */
  void unfold(double[] x, int xOff, double[] cols, int colOff, int ld) {
    unfoldRuns(x, xOff, cols, colOff, ld);
  }

  /** Adds each column-matrix element into the image position it was unfolded from. */
  void foldAdd(float[] cols, int colOff, int ld, float[] x, int xOff) {
    if (offset == null) {
      foldAddRuns(cols, colOff, ld, x, xOff);
      return;
    }
    VectorLoops vector = VectorLoops.get();
    int taps = kernelH * kernelW;
    int positions = outH * outW;
    int plane = height * width;
    for (int c = 0; c < channels; c++) {
      int base = xOff + c * plane;
      for (int t = 0; t < taps; t++) {
        int src = (c * taps + t) * ld + colOff;
        if (shift[t] != NO_SHIFT && !padded[t]) {
          for (int q = 0, to = base + shift[t]; q < positions; q++) {
            x[to + q] += cols[src + q];
          }
          continue;
        }
        if (vector != null && shift[t] != NO_SHIFT) {
          vector.maskedAdd(cols, src, padding, t * positions, x, base + shift[t], base, base + plane, positions);
          continue;
        }
        for (int q = 0, from = t * positions; q < positions; q++) {
          if (!padding[from + q]) {
            x[base + offset[from + q]] += cols[src + q];
          }
        }
      }
    }
  }

  /** Adds each column-matrix element into the image position it was unfolded from; FLOAT64 adds runs. */
  void foldAdd(double[] cols, int colOff, int ld, double[] x, int xOff) {
    foldAddRuns(cols, colOff, ld, x, xOff);
  }

  private void unfoldRuns(float[] x, int xOff, float[] cols, int colOff, int ld) {
    int sw = spec.strideW();
    for (int c = 0; c < channels; c++) {
      for (int kh = 0; kh < kernelH; kh++) {
        for (int kw = 0; kw < kernelW; kw++) {
          int iw0 = kw * spec.dilationW() - spec.padW();
          int owLo = firstInside(iw0);
          int owHi = Math.max(owLo, lastInside(iw0));
          int row = ((c * kernelH + kh) * kernelW + kw) * ld + colOff;
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * spec.strideH() - spec.padH() + kh * spec.dilationH();
            int dst = row + oh * outW;
            if (ih < 0 || ih >= height) {
              Arrays.fill(cols, dst, dst + outW, 0f);
              continue;
            }
            int src = xOff + (c * height + ih) * width + iw0;
            for (int ow = 0; ow < owLo; ow++) {
              cols[dst + ow] = 0f;
            }
            if (sw == 1) {
              if (owHi > owLo) { // a tap whose every column falls in the padding has nothing to copy
                System.arraycopy(x, src + owLo, cols, dst + owLo, owHi - owLo);
              }
            } else {
              for (int ow = owLo; ow < owHi; ow++) {
                cols[dst + ow] = x[src + ow * sw];
              }
            }
            for (int ow = owHi; ow < outW; ow++) {
              cols[dst + ow] = 0f;
            }
          }
        }
      }
    }
  }

  private void unfoldRuns(double[] x, int xOff, double[] cols, int colOff, int ld) {
    int sw = spec.strideW();
    for (int c = 0; c < channels; c++) {
      for (int kh = 0; kh < kernelH; kh++) {
        for (int kw = 0; kw < kernelW; kw++) {
          int iw0 = kw * spec.dilationW() - spec.padW();
          int owLo = firstInside(iw0);
          int owHi = Math.max(owLo, lastInside(iw0));
          int row = ((c * kernelH + kh) * kernelW + kw) * ld + colOff;
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * spec.strideH() - spec.padH() + kh * spec.dilationH();
            int dst = row + oh * outW;
            if (ih < 0 || ih >= height) {
              Arrays.fill(cols, dst, dst + outW, 0.0);
              continue;
            }
            int src = xOff + (c * height + ih) * width + iw0;
            for (int ow = 0; ow < owLo; ow++) {
              cols[dst + ow] = 0.0;
            }
            if (sw == 1) {
              if (owHi > owLo) { // a tap whose every column falls in the padding has nothing to copy
                System.arraycopy(x, src + owLo, cols, dst + owLo, owHi - owLo);
              }
            } else {
              for (int ow = owLo; ow < owHi; ow++) {
                cols[dst + ow] = x[src + ow * sw];
              }
            }
            for (int ow = owHi; ow < outW; ow++) {
              cols[dst + ow] = 0.0;
            }
          }
        }
      }
    }
  }

  private void foldAddRuns(float[] cols, int colOff, int ld, float[] x, int xOff) {
    int sw = spec.strideW();
    for (int c = 0; c < channels; c++) {
      for (int kh = 0; kh < kernelH; kh++) {
        for (int kw = 0; kw < kernelW; kw++) {
          int iw0 = kw * spec.dilationW() - spec.padW();
          int owLo = firstInside(iw0);
          int owHi = Math.max(owLo, lastInside(iw0));
          int row = ((c * kernelH + kh) * kernelW + kw) * ld + colOff;
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * spec.strideH() - spec.padH() + kh * spec.dilationH();
            if (ih < 0 || ih >= height) {
              continue;
            }
            int src = row + oh * outW;
            int dst = xOff + (c * height + ih) * width + iw0;
            for (int ow = owLo; ow < owHi; ow++) {
              x[dst + ow * sw] += cols[src + ow];
            }
          }
        }
      }
    }
  }

  private void foldAddRuns(double[] cols, int colOff, int ld, double[] x, int xOff) {
    int sw = spec.strideW();
    for (int c = 0; c < channels; c++) {
      for (int kh = 0; kh < kernelH; kh++) {
        for (int kw = 0; kw < kernelW; kw++) {
          int iw0 = kw * spec.dilationW() - spec.padW();
          int owLo = firstInside(iw0);
          int owHi = Math.max(owLo, lastInside(iw0));
          int row = ((c * kernelH + kh) * kernelW + kw) * ld + colOff;
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * spec.strideH() - spec.padH() + kh * spec.dilationH();
            if (ih < 0 || ih >= height) {
              continue;
            }
            int src = row + oh * outW;
            int dst = xOff + (c * height + ih) * width + iw0;
            for (int ow = owLo; ow < owHi; ow++) {
              x[dst + ow * sw] += cols[src + ow];
            }
          }
        }
      }
    }
  }
}
