package org.vae4j.backend.djl;

import ai.djl.pytorch.engine.PtNDArray;
import java.util.Optional;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * Batched matrix products and 2-D convolution with its two gradients, on libtorch's BLAS and convolution
 * kernels. DJL's JNI binds only the forward convolution, so the gradients run libtorch's own backward kernels
 * through {@link TorchScriptOps}; where that module could not load, they are forward convolutions of
 * rearranged operands (below and {@link DjlTransposedConvolution}). Thread-safe.
 */
final class DjlLinalg {
  private final DjlTransposedConvolution transposed;
  private final Optional<TorchScriptOps> script;

  DjlLinalg(TorchContext ctx, Optional<TorchScriptOps> script) {
    this.transposed = new DjlTransposedConvolution(ctx);
    this.script = script;
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

  /** The gradient of conv2d with respect to its input: libtorch's transposed convolution. */
  PtNDArray conv2dBackwardInput(PtNDArray gradOutput, PtNDArray weight, Shape inputShape, Conv2dSpec spec) {
    if (script.isPresent()) {
      return script.get().conv2dBackwardInput(gradOutput, weight, inputShape, spec);
    }
    return transposed.backwardInput(gradOutput, weight, inputShape, spec);
  }

  /** The gradient of conv2d with respect to its weight: libtorch's convolution backward. */
  PtNDArray conv2dBackwardWeight(PtNDArray input, PtNDArray gradOutput, Shape weightShape, Conv2dSpec spec) {
    if (script.isPresent()) {
      return script.get().conv2dBackwardWeight(input, gradOutput, weightShape, spec);
    }
    return weightGradientByForwardConvolution(input, gradOutput, weightShape, spec);
  }

  /**
   * The fallback weight gradient as one convolution with batch and channel axes swapped: input (C, N, H, W) convolved
   * with gradOutput (O, N, OH, OW) as the kernel, stride and dilation exchanged, gives (C, O, KH', KW') with
   * KH' >= KH; the result is its leading {@code weightShape} corner, axes swapped back.
   */
  private static PtNDArray weightGradientByForwardConvolution(PtNDArray input, PtNDArray gradOutput,
      Shape weightShape, Conv2dSpec spec) {
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
