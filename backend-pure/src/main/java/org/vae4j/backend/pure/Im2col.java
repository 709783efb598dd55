package org.vae4j.backend.pure;

import org.vae4j.api.spi.Conv2dSpec;

/**
 * Unfolds one image {@code (C, H, W)} into the column matrix {@code (C * KH * KW, OH * OW)} of a
 * convolution, and folds such a matrix back by adding (the adjoint). Row {@code (c * KH + kh) * KW + kw},
 * column {@code oh * OW + ow} holds {@code x[c, oh * strideH - padH + kh * dilationH, ow * strideW - padW +
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

  void unfold(float[] x, int xOff, float[] cols) {
    int ohw = cols();
    for (int c = 0; c < channels; c++) {
      for (int kh = 0; kh < kernelH; kh++) {
        for (int kw = 0; kw < kernelW; kw++) {
          int row = ((c * kernelH + kh) * kernelW + kw) * ohw;
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * spec.strideH() - spec.padH() + kh * spec.dilationH();
            int dst = row + oh * outW;
            if (ih < 0 || ih >= height) {
              java.util.Arrays.fill(cols, dst, dst + outW, 0f);
              continue;
            }
            int src = xOff + (c * height + ih) * width;
            int iw0 = kw * spec.dilationW() - spec.padW();
            for (int ow = 0; ow < outW; ow++) {
              int iw = iw0 + ow * spec.strideW();
              cols[dst + ow] = iw >= 0 && iw < width ? x[src + iw] : 0f;
            }
          }
        }
      }
    }
  }

  void unfold(double[] x, int xOff, double[] cols) {
    int ohw = cols();
    for (int c = 0; c < channels; c++) {
      for (int kh = 0; kh < kernelH; kh++) {
        for (int kw = 0; kw < kernelW; kw++) {
          int row = ((c * kernelH + kh) * kernelW + kw) * ohw;
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * spec.strideH() - spec.padH() + kh * spec.dilationH();
            int dst = row + oh * outW;
            if (ih < 0 || ih >= height) {
              java.util.Arrays.fill(cols, dst, dst + outW, 0.0);
              continue;
            }
            int src = xOff + (c * height + ih) * width;
            int iw0 = kw * spec.dilationW() - spec.padW();
            for (int ow = 0; ow < outW; ow++) {
              int iw = iw0 + ow * spec.strideW();
              cols[dst + ow] = iw >= 0 && iw < width ? x[src + iw] : 0.0;
            }
          }
        }
      }
    }
  }

  /** Adds each column-matrix element into the image position it was unfolded from. */
  void foldAdd(float[] cols, float[] x, int xOff) {
    int ohw = cols();
    for (int c = 0; c < channels; c++) {
      for (int kh = 0; kh < kernelH; kh++) {
        for (int kw = 0; kw < kernelW; kw++) {
          int row = ((c * kernelH + kh) * kernelW + kw) * ohw;
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * spec.strideH() - spec.padH() + kh * spec.dilationH();
            if (ih < 0 || ih >= height) {
              continue;
            }
            int src = row + oh * outW;
            int dst = xOff + (c * height + ih) * width;
            int iw0 = kw * spec.dilationW() - spec.padW();
            for (int ow = 0; ow < outW; ow++) {
              int iw = iw0 + ow * spec.strideW();
              if (iw >= 0 && iw < width) {
                x[dst + iw] += cols[src + ow];
              }
            }
          }
        }
      }
    }
  }

  void foldAdd(double[] cols, double[] x, int xOff) {
    int ohw = cols();
    for (int c = 0; c < channels; c++) {
      for (int kh = 0; kh < kernelH; kh++) {
        for (int kw = 0; kw < kernelW; kw++) {
          int row = ((c * kernelH + kh) * kernelW + kw) * ohw;
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * spec.strideH() - spec.padH() + kh * spec.dilationH();
            if (ih < 0 || ih >= height) {
              continue;
            }
            int src = row + oh * outW;
            int dst = xOff + (c * height + ih) * width;
            int iw0 = kw * spec.dilationW() - spec.padW();
            for (int ow = 0; ow < outW; ow++) {
              int iw = iw0 + ow * spec.strideW();
              if (iw >= 0 && iw < width) {
                x[dst + iw] += cols[src + ow];
              }
            }
          }
        }
      }
    }
  }
}
