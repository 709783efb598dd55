package org.vae4j.backend.pure;

import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * 2-D convolution and its two backward kernels by im2col and {@link Gemm}, on FLOAT32 and FLOAT64,
 * in parallel over ranges of the batch (each range with its own column buffer). Thread-safe.
 */
final class Convolution {
  private Convolution() {
  }

  static PureBuffer conv2d(PureBuffer input, PureBuffer weight, Conv2dSpec spec) {
    Shape in = input.shape();
    Shape ws = weight.shape();
    Im2col g = geometry("conv2d", in, ws, spec, input.dtype(), weight.dtype());
    int n = in.dim(0);
    int o = ws.dim(0);
    Shape outShape = Shape.of(n, o, g.outH(), g.outW());
    Object x = input.data("conv2d");
    Object w = weight.data("conv2d");
    Object out = TypedArrays.allocate(input.dtype(), outShape.sizeAsInt());
    int ckk = g.rows();
    int ohw = g.cols();
    forBatchRanges(n, (from, to) -> {
      Object cols = TypedArrays.allocate(input.dtype(), ckk * ohw);
      for (int i = from; i < to; i++) {
        ArrayOps.unfold(g, x, i * g.imageSize(), cols);
        ArrayOps.gemm(o, ohw, ckk, w, 0, ckk, 1, cols, 0, ohw, 1, out, i * o * ohw, ohw, false);
      }
    });
    return new PureBuffer(out, outShape, input.dtype());
  }

  static PureBuffer conv2dBackwardInput(PureBuffer gradOutput, PureBuffer weight, Shape inputShape,
      Conv2dSpec spec) {
    String name = "conv2dBackwardInput";
    Shape ws = weight.shape();
    Im2col g = geometry(name, inputShape, ws, spec, gradOutput.dtype(), weight.dtype());
    checkGradOutput(name, gradOutput.shape(), inputShape.dim(0), ws.dim(0), g);
    int n = inputShape.dim(0);
    int o = ws.dim(0);
    Object gy = gradOutput.data(name);
    Object w = weight.data(name);
    Object gx = TypedArrays.allocate(gradOutput.dtype(), inputShape.sizeAsInt());
    int ckk = g.rows();
    int ohw = g.cols();
    forBatchRanges(n, (from, to) -> {
      Object cols = TypedArrays.allocate(gradOutput.dtype(), ckk * ohw);
      for (int i = from; i < to; i++) {
        ArrayOps.gemm(ckk, ohw, o, w, 0, 1, ckk, gy, i * o * ohw, ohw, 1, cols, 0, ohw, false);
        ArrayOps.foldAdd(g, cols, gx, i * g.imageSize());
      }
    });
    return new PureBuffer(gx, inputShape, gradOutput.dtype());
  }

  static PureBuffer conv2dBackwardWeight(PureBuffer input, PureBuffer gradOutput, Shape weightShape,
      Conv2dSpec spec) {
    String name = "conv2dBackwardWeight";
    Shape in = input.shape();
    Im2col g = geometry(name, in, weightShape, spec, input.dtype(), gradOutput.dtype());
    checkGradOutput(name, gradOutput.shape(), in.dim(0), weightShape.dim(0), g);
    int n = in.dim(0);
    int o = weightShape.dim(0);
    Object x = input.data(name);
    Object gy = gradOutput.data(name);
    int ckk = g.rows();
    int ohw = g.cols();
    DType dtype = input.dtype();
    int ranges = Math.min(n, Parallel.threads());
    Object[] partial = new Object[Math.max(1, ranges)];
    Parallel.forChunks(ranges, r -> {
      int from = (int) ((long) n * r / ranges);
      int to = (int) ((long) n * (r + 1) / ranges);
      Object cols = TypedArrays.allocate(dtype, ckk * ohw);
      Object gw = TypedArrays.allocate(dtype, o * ckk);
      for (int i = from; i < to; i++) {
        ArrayOps.unfold(g, x, i * g.imageSize(), cols);
        ArrayOps.gemm(o, ckk, ohw, gy, i * o * ohw, ohw, 1, cols, 0, 1, ohw, gw, 0, ckk, true);
      }
      partial[r] = gw;
    });
    Object total = partial[0] != null ? partial[0] : TypedArrays.allocate(dtype, o * ckk);
    for (int r = 1; r < ranges; r++) {
      ArrayOps.addInto(partial[r], total);
    }
    return new PureBuffer(total, weightShape, dtype);
  }

  private interface BatchRange {
    void run(int from, int to);
  }

  private static void forBatchRanges(int n, BatchRange body) {
    int ranges = Math.min(n, Parallel.threads());
    Parallel.forChunks(ranges, r -> body.run((int) ((long) n * r / ranges), (int) ((long) n * (r + 1) / ranges)));
  }

  private static Im2col geometry(String op, Shape in, Shape ws, Conv2dSpec spec, DType a, DType b) {
    if (in.rank() != 4 || ws.rank() != 4 || in.dim(1) != ws.dim(1)) {
      throw new IllegalArgumentException(op + ": input " + in + " (N, C, H, W) and weight " + ws
          + " (O, C, KH, KW) must be rank 4 and agree on C");
    }
    if (a != b || !a.isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": needs two FLOAT32 or two FLOAT64 operands, got " + a
          + " and " + b);
    }
    Im2col g = Im2col.of(in.dim(1), in.dim(2), in.dim(3), ws.dim(2), ws.dim(3), spec);
    if (g.outH() < 1 || g.outW() < 1) {
      throw new IllegalArgumentException(op + ": input " + in + " is too small for kernel " + ws + " with "
          + spec + " (output " + g.outH() + " x " + g.outW() + ")");
    }
    return g;
  }

  private static void checkGradOutput(String op, Shape gy, int n, int o, Im2col g) {
    if (!gy.equals(Shape.of(n, o, g.outH(), g.outW()))) {
      throw new IllegalArgumentException(op + ": gradOutput " + gy + " should be "
          + Shape.of(n, o, g.outH(), g.outW()));
    }
  }
}
