package org.vae4j.backend.pure;

import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * 2-D convolution and its two backward kernels by im2col and one {@link Gemm} per group of images: the
 * column matrices of a group sit side by side, about {@link #GROUP_COLUMNS} columns wide, so that small
 * feature maps still make a product wide enough for the micro-kernel while its result stays in cache.
 * Contiguous ranges of groups run in parallel, each with its own scratch (a single group instead runs its
 * product in parallel). Thread-safe.
 */
final class Convolution {
  /** Target width of a group's column matrix. */
  static final int GROUP_COLUMNS = 1024;

  private Convolution() {
  }

  private static int groupSize(int n, Im2col g) {
    return Math.max(1, Math.min(n, GROUP_COLUMNS / g.cols()));
  }

  private static int ranges(int n, Im2col g) {
    int group = groupSize(n, g);
    return Math.min((n + group - 1) / group, Parallel.threads());
  }

  /** Work on images {@code [from, to)}, at most one group, with range {@code range}'s scratch arrays. */
  private interface GroupBody {
    void run(int range, int from, int to, Object cols, Object grouped);
  }

  /**
   * Splits the batch into groups and runs {@link #ranges} contiguous ranges of groups in parallel; each
   * range allocates its two scratch arrays once.
   */
  private static void forGroups(int n, Im2col g, int o, DType dtype, GroupBody body) {
    int group = groupSize(n, g);
    int groups = (n + group - 1) / group;
    int ranges = ranges(n, g);
    Parallel.forChunks(ranges, r -> {
      Object cols = TypedArrays.allocate(dtype, g.rows() * g.cols() * group);
      Object grouped = TypedArrays.allocate(dtype, o * g.cols() * group);
      for (int q = groups * r / ranges; q < groups * (r + 1) / ranges; q++) {
        body.run(r, q * group, Math.min(n, (q + 1) * group), cols, grouped);
      }
    });
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
    forGroups(n, g, o, input.dtype(), (range, from, to, cols, product) -> {
      int ld = (to - from) * ohw;
      for (int i = from; i < to; i++) {
        ArrayOps.unfold(g, x, i * g.imageSize(), cols, (i - from) * ohw, ld);
      }
      ArrayOps.gemm(o, ld, ckk, w, 0, ckk, 1, cols, 0, ld, 1, product, 0, ld, false);
      ArrayOps.regroup(out, from, to - from, o, ohw, product, false);
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
    DType dtype = gradOutput.dtype();
    Object gx = TypedArrays.allocate(dtype, inputShape.sizeAsInt());
    int ckk = g.rows();
    int ohw = g.cols();
    forGroups(n, g, o, dtype, (range, from, to, cols, grouped) -> {
      int ld = (to - from) * ohw;
      ArrayOps.regroup(gy, from, to - from, o, ohw, grouped, true);
      ArrayOps.gemm(ckk, ld, o, w, 0, 1, ckk, grouped, 0, ld, 1, cols, 0, ld, false);
      for (int i = from; i < to; i++) {
        ArrayOps.foldAdd(g, cols, (i - from) * ohw, ld, gx, i * g.imageSize());
      }
    });
    return new PureBuffer(gx, inputShape, dtype);
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
    DType dtype = input.dtype();
    int ckk = g.rows();
    int ohw = g.cols();
    Object[] partial = new Object[Math.max(1, ranges(n, g))];
    forGroups(n, g, o, dtype, (range, from, to, cols, grouped) -> {
      if (partial[range] == null) {
        partial[range] = TypedArrays.allocate(dtype, o * ckk);
      }
      Object gw = partial[range];
      int ld = (to - from) * ohw;
      for (int i = from; i < to; i++) {
        ArrayOps.unfold(g, x, i * g.imageSize(), cols, (i - from) * ohw, ld);
      }
      ArrayOps.regroup(gy, from, to - from, o, ohw, grouped, true);
      ArrayOps.gemm(o, ckk, ld, grouped, 0, ld, 1, cols, 0, 1, ld, gw, 0, ckk, true);
    });
    Object gw = partial[0] != null ? partial[0] : TypedArrays.allocate(dtype, o * ckk);
    for (int r = 1; r < partial.length; r++) {
      if (partial[r] != null) {
        ArrayOps.addInto(partial[r], gw);
      }
    }
    return new PureBuffer(gw, weightShape, dtype);
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
