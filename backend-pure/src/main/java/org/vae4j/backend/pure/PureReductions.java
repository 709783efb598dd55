package org.vae4j.backend.pure;

import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.ReduceOp;

/**
 * SUM, MAX and MIN over a set of axes, and argmax / argmin along one axis, on FLOAT32 and FLOAT64.
 * Sums accumulate in double for both dtypes. Large reductions run in parallel over disjoint output
 * elements. Thread-safe.
 */
final class PureReductions {
  private PureReductions() {
  }

  static PureBuffer reduce(ReduceOp op, PureBuffer x, int[] axes, boolean keepDims) {
    String name = "reduce " + op;
    Shape in = x.shape();
    requireFloat(name, x);
    boolean[] reduced = new boolean[in.rank()];
    for (int a : axes) {
      if (a < 0 || a >= in.rank() || reduced[a]) {
        throw new IllegalArgumentException(name + ": axes " + java.util.Arrays.toString(axes)
            + " are not distinct axes of " + in);
      }
      reduced[a] = true;
    }
    int rank = in.rank();
    int kept = rank - axes.length;
    int[] loopDims = new int[rank];
    int[] inStrides = new int[rank];
    int[] outStrides = new int[rank];
    int[] keptDims = new int[kept];
    int[] own = in.strides();
    int k = 0;
    int r = kept;
    for (int a = 0; a < rank; a++) {
      if (reduced[a]) {
        loopDims[r] = in.dim(a);
        inStrides[r++] = own[a];
      } else {
        keptDims[k] = in.dim(a);
        loopDims[k] = in.dim(a);
        inStrides[k++] = own[a];
      }
    }
    int[] keptStrides = Shape.of(keptDims).strides();
    System.arraycopy(keptStrides, 0, outStrides, 0, kept);
    int outSize = Shape.of(keptDims).sizeAsInt();
    long perOutput = 1;
    for (int a = kept; a < rank; a++) {
      perOutput *= loopDims[a];
    }
    double[] acc = ArrayPool.doubles(outSize);
    double init = op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    java.util.Arrays.fill(acc, init);
    long span = perOutput;
    Object data = x.data(name);
    VectorLoops vector = VectorLoops.get();
    Parallel.RangeBody outputs;
    int lead = leadingReduced(reduced);
    int trail = trailingReduced(reduced);
    if (op == ReduceOp.SUM && vector != null && data instanceof float[] f && lead > 0
        && lead + trail == axes.length && axes.length < rank && span > 0) {
      int inner = (int) Shape.of(java.util.Arrays.copyOfRange(in.dims(), rank - trail, rank)).size();
      int rows = (int) (span / inner);
      outputs = (from, to) -> sumAround(vector, f, rows, outSize, inner, acc, (int) from, (int) to);
    } else {
      StridedLoop loop = new StridedLoop(loopDims, new int[][] {inStrides, outStrides}, new int[2]);
      StridedLoop.Run run = runFor(op, data, acc, loop.innerStride(0), loop.innerStride(1));
      outputs = (from, to) -> loop.forRange(from * span, to * span, run);
    }
    Parallel.forRange(outSize, Math.max(1, Parallel.ELEMENTWISE_GRAIN / Math.max(1, span)), outputs);
    int[] outDims = keepDims ? keepDimsShape(in, reduced) : keptDims;
    Shape outShape = Shape.of(outDims);
    if (x.dtype() == DType.FLOAT64) {
      return PureBuffer.of(acc, outShape);
    }
    float[] out = ArrayPool.floats(outSize);
    for (int i = 0; i < outSize; i++) {
      out[i] = (float) acc[i];
    }
    ArrayPool.release(acc);
    return PureBuffer.of(out, outShape);
  }

  /** Elements per partial sum of {@link #sumOfSquares}: fixed, so the result does not depend on the thread count. */
  private static final int SQUARES_BLOCK = 1 << 15;

  /**
   * The pure backend's {@link org.vae4j.api.spi.Kernels#sumOfSquares}: one pass, each square rounded to the
   * dtype and added in double, blocks of {@value #SQUARES_BLOCK} elements in parallel and their partial sums
   * added in order (the same bits on any number of threads). Stateless and thread-safe.
   */
  static PureBuffer sumOfSquares(PureBuffer x) {
    String name = "sumOfSquares";
    requireFloat(name, x);
    int n = x.shape().sizeAsInt();
    int blocks = Math.max(1, (n + SQUARES_BLOCK - 1) / SQUARES_BLOCK);
    double[] partial = new double[blocks];
    VectorLoops vector = VectorLoops.get();
    Object data = x.data(name);
    Parallel.forChunks(blocks, b -> {
      int from = b * SQUARES_BLOCK;
      int len = Math.min(SQUARES_BLOCK, n - from);
      double s = 0;
      if (data instanceof float[] f) {
        if (vector != null) {
          s = vector.sumOfSquares(f, from, len);
        } else {
          for (int i = from; i < from + len; i++) {
            float square = f[i] * f[i];
            s += square;
          }
        }
      } else {
        double[] d = (double[]) data;
        for (int i = from; i < from + len; i++) {
          s += d[i] * d[i];
        }
      }
      partial[b] = s;
    });
    double total = 0;
    for (double p : partial) {
      total += p;
    }
    return x.dtype() == DType.FLOAT64 ? PureBuffer.of(new double[] {total}, Shape.of())
        : PureBuffer.of(new float[] {(float) total}, Shape.of());
  }

  /** How many of the first axes are reduced. */
  private static int leadingReduced(boolean[] reduced) {
    int a = 0;
    while (a < reduced.length && reduced[a]) {
      a++;
    }
    return a;
  }

  /** How many of the last axes are reduced. */
  private static int trailingReduced(boolean[] reduced) {
    int a = 0;
    while (a < reduced.length && reduced[reduced.length - 1 - a]) {
      a++;
    }
    return a;
  }

  /**
   * The sums over leading and trailing axes around kept middle ones (a bias gradient: over the batch, or over
   * batch, height and width of {@code (N, C, H, W)}) of a contiguous {@code rows x columns x inner} array, for
   * the columns {@code [from, to)}: each row's {@code (to - from) x inner} block is added into double
   * accumulators in one vector pass, then each column's {@code inner} accumulators are added in order. A run
   * of {@code inner} elements is too short to pay for a vector sum of its own (a 7 x 7 map took 30-40 ns a
   * run that way). With {@code inner == 1} the additions are a strided walk down each column's, in its order,
   * so the bits are the same as that walk's.
   */
  private static void sumAround(VectorLoops vector, float[] x, int rows, int columns, int inner, double[] acc,
      int from, int to) {
    double[] lanes = inner == 1 ? acc : (double[]) ArrayPool.zeroed(DType.FLOAT64, (to - from) * inner);
    int at = inner == 1 ? from : 0;
    for (int r = 0; r < rows; r++) {
      vector.accumulate(x, (r * columns + from) * inner, lanes, at, (to - from) * inner);
    }
    if (inner == 1) {
      return;
    }
    for (int c = from; c < to; c++) {
      double s = 0;
      for (int j = 0, l = (c - from) * inner; j < inner; j++, l++) {
        s += lanes[l];
      }
      acc[c] += s;
    }
    ArrayPool.release(lanes);
  }

  private static int[] keepDimsShape(Shape in, boolean[] reduced) {
    int[] d = in.dims();
    for (int a = 0; a < d.length; a++) {
      if (reduced[a]) {
        d[a] = 1;
      }
    }
    return d;
  }

  private static StridedLoop.Run runFor(ReduceOp op, Object data, double[] acc, int sx, int so) {
    VectorLoops vector = VectorLoops.get();
    if (data instanceof float[] f && vector != null && sx == 1 && so == 0) {
      return switch (op) {
        case SUM -> (p, n) -> acc[p[1]] += vector.sum(f, p[0], n);
        case MAX -> (p, n) -> acc[p[1]] = Math.max(acc[p[1]], vector.extremum(f, p[0], n, true));
        case MIN -> (p, n) -> acc[p[1]] = Math.min(acc[p[1]], vector.extremum(f, p[0], n, false));
      };
    }
    if (data instanceof float[] f) {
      return switch (op) {
        case SUM -> (p, n) -> {
          if (so == 0) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              s += f[p[0] + i * sx];
            }
            acc[p[1]] += s;
          } else {
            for (int i = 0; i < n; i++) {
              acc[p[1] + i * so] += f[p[0] + i * sx];
            }
          }
        };
        case MAX -> (p, n) -> {
          for (int i = 0; i < n; i++) {
            acc[p[1] + i * so] = Math.max(acc[p[1] + i * so], f[p[0] + i * sx]);
          }
        };
        case MIN -> (p, n) -> {
          for (int i = 0; i < n; i++) {
            acc[p[1] + i * so] = Math.min(acc[p[1] + i * so], f[p[0] + i * sx]);
          }
        };
      };
    }
    double[] d = (double[]) data;
    return switch (op) {
      case SUM -> (p, n) -> {
        if (so == 0) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += d[p[0] + i * sx];
          }
          acc[p[1]] += s;
        } else {
          for (int i = 0; i < n; i++) {
            acc[p[1] + i * so] += d[p[0] + i * sx];
          }
        }
      };
      case MAX -> (p, n) -> {
        for (int i = 0; i < n; i++) {
          acc[p[1] + i * so] = Math.max(acc[p[1] + i * so], d[p[0] + i * sx]);
        }
      };
      case MIN -> (p, n) -> {
        for (int i = 0; i < n; i++) {
          acc[p[1] + i * so] = Math.min(acc[p[1] + i * so], d[p[0] + i * sx]);
        }
      };
    };
  }

  /** Index of the first largest (MAX) or smallest (MIN) element along {@code axis}; INT32. */
  static PureBuffer argReduce(ReduceOp op, PureBuffer x, int axis) {
    String name = "argReduce " + op;
    if (op == ReduceOp.SUM) {
      throw new IllegalArgumentException(name + ": only MAX and MIN have an arg-reduction");
    }
    requireFloat(name, x);
    Shape in = x.shape();
    int n = in.dim(axis);
    if (n == 0) {
      throw new IllegalArgumentException(name + ": axis " + axis + " of " + in + " is empty");
    }
    int inner = in.strides()[axis];
    int outer = in.sizeAsInt() / (n * inner);
    int[] out = new int[outer * inner];
    boolean max = op == ReduceOp.MAX;
    int[] dims = new int[in.rank() - 1];
    for (int a = 0, b = 0; a < in.rank(); a++) {
      if (a != axis) {
        dims[b++] = in.dim(a);
      }
    }
    if (inner == 1 && x.dtype() == DType.FLOAT32) {
      float[] f = x.floats(name);
      Parallel.forRange(outer, Math.max(1, Parallel.ELEMENTWISE_GRAIN / n),
          (from, to) -> argAlongRows(f, n, max, out, (int) from, (int) to));
      return PureBuffer.of(out, Shape.of(dims));
    }
    double[] v = TypedArrays.toDoubles(x.data(name));
    double[] best = new double[inner];
    for (int o = 0; o < outer; o++) {
      int base = o * n * inner;
      System.arraycopy(v, base, best, 0, inner);
      for (int r = 1; r < n; r++) {
        int row = base + r * inner;
        for (int j = 0; j < inner; j++) {
          double e = v[row + j];
          if (max ? e > best[j] : e < best[j]) {
            best[j] = e;
            out[o * inner + j] = r;
          }
        }
      }
    }
    return PureBuffer.of(out, Shape.of(dims));
  }

  /**
   * {@link #argReduce} along the last axis of FLOAT32 rows of {@code n}, for the rows {@code [from, to)}: the
   * same comparisons as on the doubles, without copying the array to doubles first (the VQ-VAE's nearest code
   * over a (6272, 64) distance matrix took 1.5 ms that way).
   */
  private static void argAlongRows(float[] x, int n, boolean max, int[] out, int from, int to) {
    for (int o = from; o < to; o++) {
      int base = o * n;
      float best = x[base];
      int at = 0;
      for (int r = 1; r < n; r++) {
        float e = x[base + r];
        if (max ? e > best : e < best) {
          best = e;
          at = r;
        }
      }
      out[o] = at;
    }
  }

  private static void requireFloat(String name, PureBuffer x) {
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(name + ": needs FLOAT32 or FLOAT64, got " + x.dtype() + " "
          + x.shape() + "; cast it first");
    }
  }
}
