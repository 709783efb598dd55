package org.vae4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.api.spi.ReduceOp;

/**
 * Matrix products (libnd4j {@code matmul}: oneDNN or BLAS gemm underneath) and 2-D convolutions (NCHW data,
 * OIHW weights): libnd4j {@code conv2d} forward; the gradients by oneDNN where the build has it
 * ({@link Nd4jOneDnn}), else as one gemm each with {@code im2col} or {@code col2im}. Every method returns a
 * fresh array that the caller owns; inputs are read only.
 */
final class Nd4jLinalg {

  /** libnd4j's conv2d argument for NCHW data is 0, and its weight format 1 means (O, C, KH, KW). */
  private static final int NCHW = 0;
  private static final int OIHW = 1;

  private Nd4jLinalg() {
  }

  /**
   * {@code (..., m, k) @ (..., k, n)} after the optional transposes, leading axes broadcast to the batch
   * shape of {@code shape}. libnd4j wants equal batch axes, so a broadcast operand is tiled first, except
   * that a plain matrix on the right is applied to all rows of the left operand in one gemm.
   */
  static INDArray matmul(INDArray a, Shape aShape, INDArray b, Shape bShape, boolean transposeA,
      boolean transposeB, Shape shape) {
    INDArray out = Nd4jOps.zeros(a.dataType(), shape);
    int k = transposeA ? aShape.dim(-2) : aShape.dim(-1);
    if (shape.size() == 0 || k == 0) {
      return out;
    }
    try {
      int rank = shape.rank();
      if (rank == 2) {
        gemm(a, b, transposeA, transposeB, out);
      } else if (bShape.rank() == 2 && !transposeA) {
        long rows = aShape.size() / k;
        gemm(Nd4jOps.view(a, rows, k), b, false, transposeB, Nd4jOps.view(out, rows, shape.dim(-1)));
      } else {
        batched(a, aShape, b, bShape, transposeA, transposeB, out, shape);
      }
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static void batched(INDArray a, Shape aShape, INDArray b, Shape bShape, boolean transposeA,
      boolean transposeB, INDArray out, Shape shape) {
    Shape batch = shape.dropLast(2);
    Shape aFull = batch.append(aShape.last(2));
    Shape bFull = batch.append(bShape.last(2));
    INDArray aa = aShape.equals(aFull) ? a : Nd4jMovement.expand(a, aFull);
    INDArray bb = null;
    try {
      bb = bShape.equals(bFull) ? b : Nd4jMovement.expand(b, bFull);
      long count = batch.size();
      gemm(Nd4jOps.view(aa, count, aShape.dim(-2), aShape.dim(-1)),
          Nd4jOps.view(bb, count, bShape.dim(-2), bShape.dim(-1)), transposeA, transposeB,
          Nd4jOps.view(out, count, shape.dim(-2), shape.dim(-1)));
    } finally {
      if (aa != a) {
        aa.close();
      }
      if (bb != null && bb != b) {
        bb.close();
      }
    }
  }

  private static void gemm(INDArray a, INDArray b, boolean transposeA, boolean transposeB, INDArray out) {
    Nd4jOps.call("matmul").in(a, b).out(out).ints(transposeA ? 1 : 0, transposeB ? 1 : 0, 0).run();
  }

  /**
   * Cross-correlation of {@code input (N, C, H, W)} with {@code weight (O, C, KH, KW)}: oneDNN's kernel where
   * the build has it, except for dilated convolutions ({@link Nd4jOneDnn#withoutHelpers}).
   */
  static INDArray conv2d(INDArray input, INDArray weight, Conv2dSpec spec, Shape shape) {
    INDArray out = Nd4jOps.zeros(input.dataType(), shape);
    try {
      Nd4jOps.Call conv = Nd4jOps.call("conv2d").in(input, weight).out(out).ints(convArgs(weight, spec));
      if (dilated(spec)) {
        Nd4jOneDnn.withoutHelpers(conv::run);
      } else {
        conv.run();
      }
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /**
   * The gradient with respect to the input, of {@code inputShape}. With oneDNN it is libnd4j's
   * {@code deconv2d} (the transposed convolution, weight format (C_in, C_out, KH, KW) = our (O, C, KH, KW)),
   * whenever the transposed convolution's own output size is {@code inputShape} (the forward pass used every
   * input row and column) and the convolution is not dilated; otherwise {@link #conv2dBackwardInputByGemm}.
   */
  static INDArray conv2dBackwardInput(INDArray gradOutput, INDArray weight, Shape inputShape,
      Conv2dSpec spec) {
    if (!Nd4jOneDnn.convolutions() || dilated(spec) || !transposedSizeIs(inputShape, gradOutput, weight, spec)) {
      return conv2dBackwardInputByGemm(gradOutput, weight, inputShape, spec);
    }
    INDArray out = Nd4jOps.alloc(gradOutput.dataType(), inputShape);
    try {
      Nd4jOps.call("deconv2d").in(gradOutput, weight).out(out).ints(convArgs(weight, spec)).run();
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static boolean dilated(Conv2dSpec spec) {
    return spec.dilationH() != 1 || spec.dilationW() != 1;
  }

  /** Whether {@code deconv2d}'s output size, {@code s * (out - 1) + d * (k - 1) + 1 - 2 p}, is the input's. */
  private static boolean transposedSizeIs(Shape inputShape, INDArray gradOutput, INDArray weight,
      Conv2dSpec spec) {
    long h = spec.strideH() * (gradOutput.size(2) - 1) + spec.dilationH() * (weight.size(2) - 1) + 1
        - 2L * spec.padH();
    long w = spec.strideW() * (gradOutput.size(3) - 1) + spec.dilationW() * (weight.size(3) - 1) + 1
        - 2L * spec.padW();
    return h == inputShape.dim(2) && w == inputShape.dim(3);
  }

  /**
   * The gradient with respect to the input, of {@code inputShape}: per image the columns
   * {@code weight (O, C*KH*KW)^T @ gradOutput[n] (O, OH*OW)}, one gemm each into {@code (N, C*KH*KW, OH*OW)},
   * summed back onto the image by libnd4j's {@code col2im}. libnd4j's own {@code conv2d_input_bp} takes about
   * twice as long at (128, 32, 14, 14) with a (64, 32, 4, 4) kernel, and one large gemm over all images would
   * need the columns rearranged afterwards, a strided copy slower than the per-image gemms.
   */
  static INDArray conv2dBackwardInputByGemm(INDArray gradOutput, INDArray weight, Shape inputShape,
      Conv2dSpec spec) {
    DataType type = gradOutput.dataType();
    int n = inputShape.dim(0);
    int c = inputShape.dim(1);
    int kh = (int) weight.size(2);
    int kw = (int) weight.size(3);
    int o = (int) weight.size(0);
    int oh = (int) gradOutput.size(2);
    int ow = (int) gradOutput.size(3);
    long patch = (long) c * kh * kw;
    long positions = (long) oh * ow;
    try (INDArray weightT = Nd4jOps.view(weight, o, patch).transpose().dup('c');
        INDArray columns = Nd4jOps.alloc(type, Shape.of(n, c, kh, kw, oh, ow))) {
      INDArray perImage = Nd4jOps.view(columns, n, patch, positions);
      INDArray grads = Nd4jOps.view(gradOutput, n, o, positions);
      for (int i = 0; i < n; i++) {
        gemm(weightT, grads.slice(i), false, false, perImage.slice(i));
      }
      INDArray out = Nd4jOps.zeros(type, inputShape);
      try {
        Nd4jOps.call("col2im").in(columns).out(out).ints(spec.strideH(), spec.strideW(), spec.padH(),
            spec.padW(), inputShape.dim(2), inputShape.dim(3), spec.dilationH(), spec.dilationW(), 0).run();
        return out;
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
    }
  }

  /**
   * The gradient with respect to the weight, of {@code weightShape}. With oneDNN it is libnd4j's
   * {@code conv2d_bp}, which computes the input gradient too (libnd4j has no weight-only op; the input gradient
   * goes to a scratch array, and the weight it needs is zeros, as it does not affect the weight gradient):
   * at (128, 32, 14, 14) with a (64, 32, 4, 4) kernel both together take 4.9 ms against 16.6 ms for the gemm
   * path's weight gradient alone. Dilated convolutions and builds without oneDNN take
   * {@link #conv2dBackwardWeightByGemm}.
   */
  static INDArray conv2dBackwardWeight(INDArray input, INDArray gradOutput, Shape weightShape,
      Conv2dSpec spec) {
    if (pointwise(weightShape, spec)) {
      return pointwiseBackwardWeight(input, gradOutput, weightShape);
    }
    if (!Nd4jOneDnn.convolutions() || dilated(spec)) {
      return conv2dBackwardWeightByGemm(input, gradOutput, weightShape, spec);
    }
    Shape inputShape = Shape.of((int) input.size(0), (int) input.size(1), (int) input.size(2),
        (int) input.size(3));
    try (INDArray weight = Nd4jOps.zeros(input.dataType(), weightShape)) {
      INDArray[] both = conv2dBackward(input, gradOutput, weight, spec, inputShape, weightShape);
      both[0].close();
      return both[1];
    }
  }

  /**
   * Whether {@link #conv2dBackward} computes a convolution's two gradients in one {@code conv2d_bp}: with
   * oneDNN, undilated and not pointwise (a pointwise weight gradient has its own batched product). Taken
   * separately, {@code conv2d_bp} computes the input gradient for the weight's and {@code deconv2d} computes it
   * again: in the PixelCNN prior's step that second input gradient was about 9 ms of 87-117 ms.
   */
  static boolean backwardTogether(Shape weightShape, Conv2dSpec spec) {
    return Nd4jOneDnn.convolutions() && !dilated(spec) && !pointwise(weightShape, spec);
  }

  /**
   * Both gradients of a convolution that {@link #backwardTogether} takes, from one {@code conv2d_bp}: the input
   * gradient of {@code inputShape} and the weight gradient of {@code weightShape}, fresh arrays owned by the
   * caller.
   */
  static INDArray[] conv2dBackward(INDArray input, INDArray gradOutput, INDArray weight, Conv2dSpec spec,
      Shape inputShape, Shape weightShape) {
    DataType type = input.dataType();
    INDArray gradInput = Nd4jOps.alloc(type, inputShape);
    INDArray gradWeight = Nd4jOps.alloc(type, weightShape);
    try {
      Nd4jOps.call("conv2d_bp").in(input, weight, gradOutput).out(gradInput, gradWeight)
          .ints(convArgs(weight, spec)).run();
      return new INDArray[] {gradInput, gradWeight};
    } catch (RuntimeException e) {
      gradInput.close();
      gradWeight.close();
      throw e;
    }
  }

  /** Whether a convolution with a weight of {@code weightShape} and {@code spec} is 1 x 1, stride 1, unpadded. */
  private static boolean pointwise(Shape weightShape, Conv2dSpec spec) {
    return weightShape.dim(2) == 1 && weightShape.dim(3) == 1 && spec.strideH() == 1 && spec.strideW() == 1
        && spec.padH() == 0 && spec.padW() == 0 && !dilated(spec);
  }

  /**
   * A pointwise convolution's weight gradient, {@code sum_n gy_n x_n^T} with {@code gy_n (O, H W)} and
   * {@code x_n (C, H W)}: one batched matmul of views and one sum over the batch, where {@code conv2d_bp}
   * also computed the input gradient it was not asked for. In the PixelCNN prior's step (batch 128, 7 x 7 maps)
   * the four 16-to-16 layers took 2.2 ms against 5.9 ms, the 16-to-64 one 1.0 ms against 1.9 ms, the three
   * 32-to-32 ones 5.2 ms against 5.8 ms ({@code StepAnatomy}, separate runs).
   */
  private static INDArray pointwiseBackwardWeight(INDArray input, INDArray gradOutput, Shape weightShape) {
    int n = (int) input.size(0);
    int c = weightShape.dim(1);
    int o = weightShape.dim(0);
    long positions = input.size(2) * input.size(3);
    DataType type = input.dataType();
    try (INDArray products = Nd4jOps.alloc(type, Shape.of(n, o, c))) {
      gemm(Nd4jOps.view(gradOutput, n, o, positions), Nd4jOps.view(input, n, c, positions), false, true, products);
      return Nd4jReductions.reduce(ReduceOp.SUM, Nd4jOps.view(products, n, o, c, 1, 1), Shape.of(n, o, c, 1, 1),
          new int[] {0}, false, weightShape);
    }
  }

  /**
   * The gradient with respect to the weight, of {@code weightShape}, as one gemm: libnd4j's {@code im2col}
   * unfolds the input into {@code (N, C*KH*KW, OH*OW)}, rearranged to {@code (C*KH*KW, N*OH*OW)}, and
   * {@code gradOutput (O, N*OH*OW) @ columns^T} is the result (libnd4j has no weight-only kernel, and
   * {@code conv2d_bp} would also compute the input gradient).
   */
  static INDArray conv2dBackwardWeightByGemm(INDArray input, INDArray gradOutput, Shape weightShape,
      Conv2dSpec spec) {
    DataType type = input.dataType();
    int n = (int) input.size(0);
    int c = (int) input.size(1);
    int o = weightShape.dim(0);
    int kh = weightShape.dim(2);
    int kw = weightShape.dim(3);
    int oh = (int) gradOutput.size(2);
    int ow = (int) gradOutput.size(3);
    long patch = (long) c * kh * kw;
    long positions = (long) n * oh * ow;
    try (INDArray cols = Nd4jOps.alloc(type, Shape.of(n, c, kh, kw, oh, ow));
        INDArray byChannel = channelsFirst(gradOutput, n, o, (long) oh * ow)) {
      Nd4jOps.call("im2col").in(input).out(cols).ints(kh, kw, spec.strideH(), spec.strideW(), spec.padH(),
          spec.padW(), spec.dilationH(), spec.dilationW(), 0).doubles(0.0).run();
      try (INDArray columnsT = Nd4jOps.view(cols, n, patch, (long) oh * ow).permute(1, 0, 2).dup('c')) {
        INDArray out = Nd4jOps.alloc(type, weightShape);
        try {
          gemm(Nd4jOps.view(byChannel, o, positions), Nd4jOps.view(columnsT, patch, positions), false, true,
              Nd4jOps.view(out, o, patch));
          return out;
        } catch (RuntimeException e) {
          out.close();
          throw e;
        }
      }
    }
  }

  /** {@code x (n, channels, rest)} with its first two axes swapped, as a fresh {@code (channels, n, rest)}. */
  private static INDArray channelsFirst(INDArray x, int n, int channels, long rest) {
    return Nd4jOps.view(x, n, channels, rest).permute(1, 0, 2).dup('c');
  }

  private static int[] convArgs(INDArray weight, Conv2dSpec spec) {
    return new int[] {(int) weight.size(2), (int) weight.size(3), spec.strideH(), spec.strideW(),
        spec.padH(), spec.padW(), spec.dilationH(), spec.dilationW(), 0, NCHW, OIHW};
  }
}
