package org.vae4j.backend.djl;

import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * Batched matrix products and 2-D convolution with its two gradients, on libtorch's BLAS and convolution
 * kernels. DJL exposes only the forward convolution for PyTorch, so both gradients are forward convolutions
 * of rearranged operands (below). Thread-safe.
 */
final class LinalgKernels {

  PtNDArray matmul(PtNDArray a, PtNDArray b, boolean transposeA, boolean transposeB) {
    try (Scratch s = new Scratch()) {
      PtNDArray left = transposeA ? s.keep(JniUtils.transpose(a, -2, -1)) : a;
      PtNDArray right = transposeB ? s.keep(JniUtils.transpose(b, -2, -1)) : b;
      return JniUtils.matmul(left, right);
    }
  }

  PtNDArray conv2d(PtNDArray input, PtNDArray weight, Conv2dSpec spec) {
    return convolve(input, weight, spec.strideH(), spec.strideW(), spec.padH(), spec.padW(),
        spec.dilationH(), spec.dilationW());
  }

  /**
   * The transposed convolution: gradOutput is spread out by the stride (stride - 1 zeros between elements),
   * padded by dilation * (kernel - 1) - padding in front and by whatever makes the result exactly
   * {@code inputShape} behind (negative amounts crop), then convolved at stride 1 with the weight's
   * channel axes swapped and its kernel flipped.
   */
  PtNDArray conv2dBackwardInput(PtNDArray gradOutput, PtNDArray weight, Shape inputShape, Conv2dSpec spec) {
    long[] g = gradOutput.getShape().getShape();
    long[] w = weight.getShape().getShape();
    int n = (int) g[0];
    int o = (int) g[1];
    int oh = (int) g[2];
    int ow = (int) g[3];
    int kh = (int) w[2];
    int kw = (int) w[3];
    int sh = spec.strideH();
    int sw = spec.strideW();
    try (Scratch s = new Scratch()) {
      PtNDArray spread = gradOutput;
      if (sh > 1 || sw > 1) {
        PtNDArray split = s.keep(JniUtils.reshape(gradOutput, new long[] {n, o, oh, 1, ow, 1}));
        PtNDArray zeros = s.keep(JniUtils.pad(split, new long[] {0, sw - 1, 0, 0, 0, sh - 1}, 0));
        spread = s.keep(JniUtils.reshape(zeros, new long[] {n, o, (long) oh * sh, (long) ow * sw}));
      }
      int top = spec.dilationH() * (kh - 1) - spec.padH();
      int left = spec.dilationW() * (kw - 1) - spec.padW();
      int bottom = inputShape.dim(2) + spec.padH() - (oh - 1) * sh - 1 - (sh - 1);
      int right = inputShape.dim(3) + spec.padW() - (ow - 1) * sw - 1 - (sw - 1);
      PtNDArray padded = s.keep(JniUtils.pad(spread, new long[] {left, right, top, bottom}, 0));
      PtNDArray swapped = s.keep(JniUtils.permute(weight, new long[] {1, 0, 2, 3}));
      PtNDArray flipped = s.keep(JniUtils.flip(swapped, new long[] {2, 3}));
      return convolve(padded, flipped, 1, 1, 0, 0, spec.dilationH(), spec.dilationW());
    }
  }

  /**
   * The weight gradient as one convolution with batch and channel axes swapped: input (C, N, H, W) convolved
   * with gradOutput (O, N, OH, OW) as the kernel, stride and dilation exchanged, gives (C, O, KH', KW') with
   * KH' >= KH; the result is its leading {@code weightShape} corner, axes swapped back.
   */
  PtNDArray conv2dBackwardWeight(PtNDArray input, PtNDArray gradOutput, Shape weightShape, Conv2dSpec spec) {
    try (Scratch s = new Scratch()) {
      PtNDArray in = s.keep(JniUtils.permute(input, new long[] {1, 0, 2, 3}));
      PtNDArray kernel = s.keep(JniUtils.permute(gradOutput, new long[] {1, 0, 2, 3}));
      PtNDArray full = s.keep(convolve(in, kernel, spec.dilationH(), spec.dilationW(), spec.padH(),
          spec.padW(), spec.strideH(), spec.strideW()));
      long[] c = full.getShape().getShape();
      PtNDArray corner = s.keep(JniUtils.index(full, new long[] {0, 0, 0, 0},
          new long[] {c[0], c[1], weightShape.dim(2), weightShape.dim(3)}, new long[] {1, 1, 1, 1},
          full.getManager()));
      return JniUtils.permute(corner, new long[] {1, 0, 2, 3});
    }
  }

  private static PtNDArray convolve(PtNDArray input, PtNDArray weight, int strideH, int strideW, int padH,
      int padW, int dilationH, int dilationW) {
    return JniUtils.convolution(input, weight, null, new ai.djl.ndarray.types.Shape(strideH, strideW),
        new ai.djl.ndarray.types.Shape(padH, padW), new ai.djl.ndarray.types.Shape(dilationH, dilationW), 1);
  }
}
