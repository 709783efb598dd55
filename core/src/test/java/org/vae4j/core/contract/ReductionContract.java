package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.ReduceOp;

/** Contract groups for reductions, arg-reductions and where. */
public abstract class ReductionContract extends ElementwiseContract {

  @Nested
  class Where {
    @ParameterizedTest
    @EnumSource(DType.class)
    void selectsWithBroadcasting(DType dtype) {
      assumeSupported(dtype);
      Shape cs = Shape.of(2, 1, 3);
      Shape ts = Shape.of(4, 1);
      Shape fs = Shape.scalar();
      Shape out = Shape.of(2, 4, 3);
      double[] cond = {1, 0, 2, 0, 0, -1};
      double[] t = rounded(uniform(4, 5, -3, 3), dtype);
      double[] f = {7};
      for (DType condType : new DType[] {DType.FLOAT32, DType.INT32}) {
        double[] expected = new double[out.sizeAsInt()];
        for (int i = 0; i < expected.length; i++) {
          int[] idx = References.index(out, i);
          expected[i] = References.at(cond, cs, idx) != 0 ? References.at(t, ts, idx) : References.at(f, fs, idx);
        }
        Buffer r = track(kernels().where(make(cond, cs, condType), make(t, ts, dtype), make(f, fs, dtype)));
        assertBuffer(r, out, dtype, expected, 0, 0, "where with " + condType + " condition");
      }
    }
  }

  @Nested
  class Reduce {
    private final Shape shape = Shape.of(2, 3, 4);
    private final int[][] axisSets = {{0}, {1}, {2}, {0, 2}, {1, 2}, {0, 1, 2}};

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void float32(ReduceOp op) {
      check(op, DType.FLOAT32);
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void float64(ReduceOp op) {
      assumeSupported(DType.FLOAT64);
      check(op, DType.FLOAT64);
    }

    private void check(ReduceOp op, DType dtype) {
      double[] v = rounded(uniform(shape.sizeAsInt(), op.ordinal(), -5, 5), dtype);
      Buffer x = make(v, shape, dtype);
      for (int[] axes : axisSets) {
        for (boolean keep : new boolean[] {false, true}) {
          String what = op + " " + dtype + " over " + java.util.Arrays.toString(axes) + " keepDims " + keep;
          Shape kept = keptShape(shape, axes, true);
          double[] expected = reference(op, v, shape, axes, kept);
          Shape expectedShape = keep ? kept : keptShape(shape, axes, false);
          double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-13;
          assertBuffer(track(kernels().reduce(op, x, axes, keep)), expectedShape, dtype, expected, tol, tol, what);
        }
      }
    }

    @Test
    void reducesViewsAndSizeOneAxes() {
      assumeSupported(DType.FLOAT64);
      double[] v = uniform(24, 9, -1, 1);
      Buffer x = make(v, Shape.of(2, 3, 4), DType.FLOAT64);
      Buffer p = track(kernels().permute(x, new int[] {2, 0, 1}));
      Buffer r = track(kernels().reduce(ReduceOp.SUM, p, new int[] {0}, false));
      double[] expected = new double[6];
      for (int i = 0; i < 6; i++) {
        for (int k = 0; k < 4; k++) {
          expected[i] += v[i * 4 + k];
        }
      }
      assertBuffer(r, Shape.of(2, 3), DType.FLOAT64, expected, "sum over axis 0 of a permuted tensor");
      Buffer one = make(new double[] {1, 2, 3}, Shape.of(3, 1), DType.FLOAT32);
      assertBuffer(track(kernels().reduce(ReduceOp.MAX, one, new int[] {1}, false)), Shape.of(3), DType.FLOAT32,
          new double[] {1, 2, 3}, "max over a size-1 axis");
    }

    /** A convolution's bias gradient: sums over the batch and the map around the kept channels, in parallel. */
    @Test
    void sumsAroundKeptMiddleAxes() {
      Object[][] cases = {{Shape.of(2, 700, 7, 7), new int[] {0, 2, 3}}, {Shape.of(3, 40, 6, 5), new int[] {0, 3}},
          {Shape.of(3, 40, 6, 5), new int[] {0, 1, 3}}, {Shape.of(5, 33, 17), new int[] {0, 2}},
          {Shape.of(2, 3, 0), new int[] {0, 2}}, {Shape.of(0, 3, 4), new int[] {0, 2}}};
      for (Object[] c : cases) {
        Shape shape = (Shape) c[0];
        int[] axes = (int[]) c[1];
        double[] v = rounded(uniform(shape.sizeAsInt(), 21, -2, 2), DType.FLOAT32);
        Shape kept = keptShape(shape, axes, true);
        assertBuffer(track(kernels().reduce(ReduceOp.SUM, make(v, shape, DType.FLOAT32), axes, true)), kept,
            DType.FLOAT32, reference(ReduceOp.SUM, v, shape, axes, kept), 1e-5, 1e-5,
            "sum of " + shape + " over " + java.util.Arrays.toString(axes));
      }
    }

    @Test
    void sumsManyFloat32ElementsAccurately() {
      int n = 200_000;
      double[] v = new double[n];
      java.util.Arrays.fill(v, 0.1);
      Buffer x = make(v, Shape.of(n / 100, 100), DType.FLOAT32);
      double exact = n * (double) 0.1f;
      assertBuffer(track(kernels().reduce(ReduceOp.SUM, x, new int[] {0, 1}, false)), Shape.scalar(),
          DType.FLOAT32, new double[] {exact}, 1e-5, 0, "sum of 200000 float32 values");
      assertBuffer(track(kernels().reduce(ReduceOp.SUM, x, new int[] {0}, false)), Shape.of(100),
          DType.FLOAT32, ElementwiseContract.tile(new double[] {exact / 100}, 100), 1e-5, 0, "column sums");
    }
  }

  static Shape keptShape(Shape shape, int[] axes, boolean keepDims) {
    java.util.List<Integer> dims = new java.util.ArrayList<>();
    for (int a = 0; a < shape.rank(); a++) {
      final int axis = a;
      boolean reduced = java.util.Arrays.stream(axes).anyMatch(r -> r == axis);
      if (!reduced) {
        dims.add(shape.dim(a));
      } else if (keepDims) {
        dims.add(1);
      }
    }
    return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
  }

  static double[] reference(ReduceOp op, double[] v, Shape shape, int[] axes, Shape kept) {
    double[] r = new double[kept.sizeAsInt()];
    java.util.Arrays.fill(r, op == ReduceOp.SUM ? 0 : op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY
        : Double.POSITIVE_INFINITY);
    for (int i = 0; i < v.length; i++) {
      int[] idx = References.index(shape, i);
      for (int a : axes) {
        idx[a] = 0;
      }
      int o = 0;
      for (int a = 0; a < idx.length; a++) {
        o = o * kept.dim(a) + idx[a];
      }
      r[o] = switch (op) {
        case SUM -> r[o] + v[i];
        case MAX -> Math.max(r[o], v[i]);
        case MIN -> Math.min(r[o], v[i]);
      };
    }
    return r;
  }

  @Nested
  class ArgReduce {
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void findsFirstExtremeAlongEachAxis(DType dtype) {
      assumeSupported(dtype);
      double[] v = {3, 1, 3, 0, -2, 5, 5, -2, 0, 0, 1, -2};
      Buffer x = make(v, Shape.of(3, 4), dtype);
      Buffer maxRows = track(kernels().argReduce(ReduceOp.MAX, x, 1));
      Buffer minRows = track(kernels().argReduce(ReduceOp.MIN, x, 1));
      Buffer maxCols = track(kernels().argReduce(ReduceOp.MAX, x, 0));
      Buffer minCols = track(kernels().argReduce(ReduceOp.MIN, x, 0));
      assertBuffer(maxRows, Shape.of(3), DType.INT32, new double[] {0, 1, 2}, "argmax along axis 1");
      assertBuffer(minRows, Shape.of(3), DType.INT32, new double[] {3, 0, 3}, "argmin along axis 1");
      assertBuffer(maxCols, Shape.of(4), DType.INT32, new double[] {0, 1, 1, 0}, "argmax along axis 0");
      assertBuffer(minCols, Shape.of(4), DType.INT32, new double[] {1, 2, 2, 1}, "argmin along axis 0");
      assertThat(kernels().toInts(track(kernels().argReduce(ReduceOp.MAX,
          make(v, Shape.of(2, 3, 2), dtype), 1)))).containsExactly(0, 2, 0, 1);
    }

    /** Many rows along the last axis (the VQ-VAE's nearest code), in parallel ranges, with ties everywhere. */
    @Test
    void findsFirstExtremeOfManyRows() {
      int rows = 3000;
      int n = 64;
      double[] v = integers(rows * n, 31, -9, 9);
      Buffer x = make(v, Shape.of(rows, n), DType.FLOAT32);
      for (ReduceOp op : new ReduceOp[] {ReduceOp.MAX, ReduceOp.MIN}) {
        int[] got = kernels().toInts(track(kernels().argReduce(op, x, 1)));
        for (int r = 0; r < rows; r++) {
          int at = 0;
          for (int j = 1; j < n; j++) {
            double e = v[r * n + j];
            if (op == ReduceOp.MAX ? e > v[r * n + at] : e < v[r * n + at]) {
              at = j;
            }
          }
          assertThat(got[r]).as("arg%s of row %d", op, r).isEqualTo(at);
        }
      }
    }
  }
}
