package org.vae4j.backend.pure;

import java.util.Arrays;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/** Unary, binary (broadcasting) and select ops; large ones run in parallel ranges. Thread-safe. */
final class PureElementwise {
  private PureElementwise() {
  }

  static PureBuffer unary(UnaryOp op, PureBuffer x) {
    String name = "unary " + op;
    int n = x.shape().sizeAsInt();
    switch (x.dtype()) {
      case FLOAT32 -> {
        float[] in = x.floats(name);
        float[] out = ArrayPool.floats(n);
        UnaryKernels.FloatLoop loop = UnaryKernels.float32(op);
        Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN, (f, t) -> loop.run(in, out, (int) f, (int) t));
        return PureBuffer.of(out, x.shape());
      }
      case FLOAT64 -> {
        double[] in = x.doubles(name);
        double[] out = ArrayPool.doubles(n);
        UnaryKernels.DoubleLoop loop = UnaryKernels.float64(op);
        Parallel.forRange(n, Parallel.ELEMENTWISE_GRAIN, (f, t) -> loop.run(in, out, (int) f, (int) t));
        return PureBuffer.of(out, x.shape());
      }
      default -> throw new IllegalArgumentException(name + ": needs FLOAT32 or FLOAT64, got " + x.dtype()
          + " " + x.shape() + "; cast it first");
    }
  }

  static PureBuffer binary(BinaryOp op, PureBuffer a, PureBuffer b) {
    String name = "binary " + op;
    if (a.dtype() != b.dtype()) {
      throw new IllegalArgumentException(name + ": dtypes differ, " + a.dtype() + " " + a.shape() + " and "
          + b.dtype() + " " + b.shape() + "; cast one first");
    }
    Shape shape = Shape.broadcast(name, a.shape(), b.shape());
    int[] dims = shape.dims();
    StridedLoop loop = new StridedLoop(dims,
        new int[][] {StridedLoop.broadcastStrides(a.shape(), dims), StridedLoop.broadcastStrides(b.shape(), dims),
            shape.strides()},
        new int[3]);
    VectorLoops vector = VectorLoops.get();
    if (vector != null && a.dtype() == DType.FLOAT32 && loop.runLength() < MIN_REPEATED_BLOCK) {
      PureBuffer repeated = overRepeatedBlock(op, vector, a, b, shape, name);
      if (repeated != null) {
        return repeated;
      }
    }
    int sa = loop.innerStride(0);
    int sb = loop.innerStride(1);
    Object out = TypedArrays.uninitialized(a.dtype(), shape.sizeAsInt());
    Object da = a.data(name);
    Object db = b.data(name);
    StridedLoop.Run run = switch (a.dtype()) {
      case FLOAT32 -> (p, n) -> BinaryKernels.run(op, vector, (float[]) da, p[0], sa, (float[]) db, p[1], sb,
          (float[]) out, p[2], n);
      case FLOAT64 -> (p, n) -> BinaryKernels.run(op, (double[]) da, p[0], sa, (double[]) db, p[1], sb,
          (double[]) out, p[2], n);
      case INT32 -> (p, n) -> BinaryKernels.run(op, (int[]) da, p[0], sa, (int[]) db, p[1], sb,
          (int[]) out, p[2], n);
    };
    loop.forAll(Parallel.ELEMENTWISE_GRAIN, run);
    return new PureBuffer(out, shape, a.dtype());
  }

  /**
   * FLOAT32 {@code op} where one operand has the result's shape and the other repeats along the leading axes a
   * pattern over the block of axes after them (a bias of (1, C, 1, 1) added to (N, C, H, W)), which the general
   * loop walks in short runs (one per H x W map): the pattern is expanded over one block, {@value
   * #MIN_REPEATED_BLOCK} to {@value #MAX_REPEATED_BLOCK} elements, and each block is then one contiguous
   * vector run. The same operation on the same elements, so the same bits. Null where this does not apply.
   */
  private static PureBuffer overRepeatedBlock(BinaryOp op, VectorLoops vector, PureBuffer a, PureBuffer b,
      Shape shape, String name) {
    boolean aFull = a.shape().equals(shape);
    PureBuffer pattern = aFull ? b : a;
    if (op == BinaryOp.POW || !(aFull || b.shape().equals(shape))
        || pattern.shape().equals(shape)) {
      return null;
    }
    int[] dims = shape.dims();
    int[] strides = StridedLoop.broadcastStrides(pattern.shape(), dims);
    int lead = 0;
    while (lead < dims.length && strides[lead] == 0) {
      lead++;
    }
    Shape block = Shape.of(Arrays.copyOfRange(dims, lead, dims.length));
    long blockSize = block.size();
    if (lead == 0 || blockSize < MIN_REPEATED_BLOCK || blockSize > MAX_REPEATED_BLOCK
        || blockSize == pattern.shape().size() || shape.size() < 2 * blockSize) {
      return null;
    }
    int width = (int) blockSize;
    float[] expanded = new float[width];
    StridedCopy.copy(pattern.floats(name), 0, Arrays.copyOfRange(strides, lead, dims.length), expanded,
        0, block.strides(), block.dims());
    float[] full = (aFull ? a : b).floats(name);
    float[] out = ArrayPool.floats(shape.sizeAsInt());
    Parallel.forRange(shape.size(), Parallel.ELEMENTWISE_GRAIN, (from, to) -> {
      for (int i = (int) from; i < to; ) {
        int j = i % width;
        int n = (int) Math.min(width - j, to - i);
        if (aFull) {
          vector.binary(op, full, i, false, expanded, j, false, out, i, n);
        } else {
          vector.binary(op, expanded, j, false, full, i, false, out, i, n);
        }
        i += n;
      }
    });
    return PureBuffer.of(out, shape);
  }

  /** Runs shorter than this take {@link #overRepeatedBlock} where it applies. */
  private static final int MIN_REPEATED_BLOCK = 64;
  /** The largest block {@link #overRepeatedBlock} expands (64 KiB). */
  private static final int MAX_REPEATED_BLOCK = 1 << 14;

  static PureBuffer where(PureBuffer condition, PureBuffer ifTrue, PureBuffer ifFalse) {
    String name = "where";
    if (ifTrue.dtype() != ifFalse.dtype()) {
      throw new IllegalArgumentException(name + ": branch dtypes differ, " + ifTrue.dtype() + " "
          + ifTrue.shape() + " and " + ifFalse.dtype() + " " + ifFalse.shape() + "; cast one first");
    }
    Shape shape = Shape.broadcast(name, Shape.broadcast(name, condition.shape(), ifTrue.shape()), ifFalse.shape());
    int[] dims = shape.dims();
    StridedLoop loop = new StridedLoop(dims,
        new int[][] {StridedLoop.broadcastStrides(condition.shape(), dims),
            StridedLoop.broadcastStrides(ifTrue.shape(), dims), StridedLoop.broadcastStrides(ifFalse.shape(), dims),
            shape.strides()},
        new int[4]);
    boolean[] c = TypedArrays.nonZero(condition.data(name));
    int sc = loop.innerStride(0);
    int st = loop.innerStride(1);
    int sf = loop.innerStride(2);
    DType dtype = ifTrue.dtype();
    Object out = TypedArrays.uninitialized(dtype, shape.sizeAsInt());
    Object t = ifTrue.data(name);
    Object f = ifFalse.data(name);
    StridedLoop.Run run = switch (dtype) {
      case FLOAT32 -> (p, n) -> {
        float[] o = (float[]) out;
        float[] tt = (float[]) t;
        float[] ff = (float[]) f;
        for (int i = 0; i < n; i++) {
          o[p[3] + i] = c[p[0] + i * sc] ? tt[p[1] + i * st] : ff[p[2] + i * sf];
        }
      };
      case FLOAT64 -> (p, n) -> {
        double[] o = (double[]) out;
        double[] tt = (double[]) t;
        double[] ff = (double[]) f;
        for (int i = 0; i < n; i++) {
          o[p[3] + i] = c[p[0] + i * sc] ? tt[p[1] + i * st] : ff[p[2] + i * sf];
        }
      };
      case INT32 -> (p, n) -> {
        int[] o = (int[]) out;
        int[] tt = (int[]) t;
        int[] ff = (int[]) f;
        for (int i = 0; i < n; i++) {
          o[p[3] + i] = c[p[0] + i * sc] ? tt[p[1] + i * st] : ff[p[2] + i * sf];
        }
      };
    };
    loop.forAll(Parallel.ELEMENTWISE_GRAIN, run);
    return new PureBuffer(out, shape, dtype);
  }
}
