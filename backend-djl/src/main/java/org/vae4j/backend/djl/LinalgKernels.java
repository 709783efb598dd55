package org.vae4j.backend.djl;

import ai.djl.pytorch.engine.PtNDArray;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * Batched matrix products and 2-D convolution with its two gradients, on libtorch's BLAS and convolution
 * kernels. DJL exposes only the forward convolution for PyTorch, so both gradients are forward convolutions
 * of rearranged operands (below and {@link TransposedConvolution}). Thread-safe.
 */
final class LinalgKernels {
  private final TransposedConvolution transposed;

  LinalgKernels(TorchContext ctx) {
    this.transposed = new TransposedConvolution(ctx);
  }

  PtNDArray matmul(PtNDArray a, PtNDArray b, boolean transposeA, boolean transposeB) {
    try (Scratch s = new Scratch()) {
      PtNDArray left = transposeA ? s.keep(LibTorch.transpose(a, -2, -1)) : a;
      PtNDArray right = transposeB ? s.keep(LibTorch.transpose(b, -2, -1)) : b;
      return LibTorch.matmul(left, right);
    }
  }

  PtNDArray conv2d(PtNDArray input, PtNDArray weight, Conv2dSpec spec) {
    return convolve(input, weight, spec.strideH(), spec.strideW(), spec.padH(), spec.padW(),
        spec.dilationH(), spec.dilationW());
  }

  /** The gradient of conv2d with respect to its input; see {@link TransposedConvolution}. */
  PtNDArray conv2dBackwardInput(PtNDArray gradOutput, PtNDArray weight, Shape inputShape, Conv2dSpec spec) {
    return transposed.backwardInput(gradOutput, weight, inputShape, spec);
  }

  /**
   * The weight gradient as one convolution with batch and channel axes swapped: input (C, N, H, W) convolved
   * with gradOutput (O, N, OH, OW) as the kernel, stride and dilation exchanged, gives (C, O, KH', KW') with
   * KH' >= KH; the result is its leading {@code weightShape} corner, axes swapped back.
   */
  PtNDArray conv2dBackwardWeight(PtNDArray input, PtNDArray gradOutput, Shape weightShape, Conv2dSpec spec) {
    try (Scratch s = new Scratch()) {
      PtNDArray in = contiguous(s, s.keep(LibTorch.permute(input, new long[] {1, 0, 2, 3})));
      PtNDArray kernel = contiguous(s, s.keep(LibTorch.permute(gradOutput, new long[] {1, 0, 2, 3})));
      PtNDArray full = s.keep(convolve(in, kernel, spec.dilationH(), spec.dilationW(), spec.padH(),
          spec.padW(), spec.strideH(), spec.strideW()));
      long[] c = full.getShape().getShape();
      PtNDArray corner = s.keep(LibTorch.index(full, new long[] {0, 0, 0, 0},
          new long[] {c[0], c[1], weightShape.dim(2), weightShape.dim(3)}, new long[] {1, 1, 1, 1},
          full.getManager()));
      return LibTorch.permute(corner, new long[] {1, 0, 2, 3});
    }
  }

  /**
   * {@code x} in row-major memory (a view when it already is): libtorch's fast convolution paths want
   * contiguous operands, and permuted views are not.
   */
  static PtNDArray contiguous(Scratch s, PtNDArray x) {
    PtNDArray flat = s.keep(LibTorch.reshape(x, new long[] {-1}));
    return s.keep(LibTorch.reshape(flat, x.getShape().getShape()));
  }

  static PtNDArray convolve(PtNDArray input, PtNDArray weight, int strideH, int strideW, int padH,
      int padW, int dilationH, int dilationW) {
    return LibTorch.convolution(input, weight, null, new ai.djl.ndarray.types.Shape(strideH, strideW),
        new ai.djl.ndarray.types.Shape(padH, padW), new ai.djl.ndarray.types.Shape(dilationH, dilationW), 1);
  }
}
