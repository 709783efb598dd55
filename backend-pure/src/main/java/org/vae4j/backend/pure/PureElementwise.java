package org.vae4j.backend.pure;

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
    int sa = loop.innerStride(0);
    int sb = loop.innerStride(1);
    Object out = TypedArrays.uninitialized(a.dtype(), shape.sizeAsInt());
    Object da = a.data(name);
    Object db = b.data(name);
    StridedLoop.Run run = switch (a.dtype()) {
      case FLOAT32 -> (p, n) -> BinaryKernels.run(op, (float[]) da, p[0], sa, (float[]) db, p[1], sb,
          (float[]) out, p[2], n);
      case FLOAT64 -> (p, n) -> BinaryKernels.run(op, (double[]) da, p[0], sa, (double[]) db, p[1], sb,
          (double[]) out, p[2], n);
      case INT32 -> (p, n) -> BinaryKernels.run(op, (int[]) da, p[0], sa, (int[]) db, p[1], sb,
          (int[]) out, p[2], n);
    };
    loop.forAll(Parallel.ELEMENTWISE_GRAIN, run);
    return new PureBuffer(out, shape, a.dtype());
  }

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
