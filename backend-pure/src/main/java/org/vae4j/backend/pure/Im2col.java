package org.vae4j.backend.pure;

import org.vae4j.api.spi.Conv2dSpec;

/**
 * Unfolds one image {@code (C, H, W)} into a column matrix {@code (C * KH * KW, OH * OW)} of a
 * convolution, and folds such a matrix back by adding (the adjoint). The matrix may be a block of columns
 * of a wider one, at column offset {@code colOff} with row stride {@code ld}, so that several images sit
 * side by side. Row {@code (c * KH + kh) * KW + kw}, column {@code oh * OW + ow} holds {@code x[c, oh * strideH - padH + kh * dilationH, ow * strideW - padW +
 * kw * dilationW]}, zero outside the image.
 */
record Im2col(int channels, int height, int width, int kernelH, int kernelW, int outH, int outW,
    Conv2dSpec spec) {

  static Im2col of(int channels, int height, int width, int kernelH, int kernelW, Conv2dSpec spec) {
    return new Im2col(channels, height, width, kernelH, kernelW, spec.outH(height, kernelH),
        spec.outW(width, kernelW), spec);
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
              java.util.Arrays.fill(cols, dst, dst + outW, 0f);
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

  void unfold(double[] x, int xOff, double[] cols, int colOff, int ld) {
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
              java.util.Arrays.fill(cols, dst, dst + outW, 0.0);
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

  /** Adds each column-matrix element into the image position it was unfolded from. */
  void foldAdd(float[] cols, int colOff, int ld, float[] x, int xOff) {
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

  void foldAdd(double[] cols, int colOff, int ld, double[] x, int xOff) {
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
