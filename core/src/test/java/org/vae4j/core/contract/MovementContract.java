package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.IndexOutOfRangeException;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Buffer;
import org.vae4j.core.Tensors;

/** Contract groups for movement ops, gather, scatter-add and cast. */
public abstract class MovementContract extends ReductionContract {

  private static double[] iota(int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i - 5;
    }
    return v;
  }

  @Nested
  class Movement {
    @ParameterizedTest
    @EnumSource(DType.class)
    void reshapesAndPermutes(DType dtype) {
      assumeSupported(dtype);
      Shape s = Shape.of(2, 3, 4);
      double[] v = iota(24);
      Buffer x = make(v, s, dtype);
      assertBuffer(track(kernels().reshape(x, Shape.of(4, 6))), Shape.of(4, 6), dtype, v, 0, 0, "reshape");
      assertBuffer(track(kernels().reshape(make(new double[] {3}, Shape.of(1, 1), dtype), Shape.scalar())),
          Shape.scalar(), dtype, new double[] {3}, 0, 0, "reshape to a scalar");
      int[] axes = {2, 0, 1};
      Shape ps = Shape.of(4, 2, 3);
      double[] expected = new double[24];
      for (int i = 0; i < 24; i++) {
        int[] o = References.index(ps, i);
        expected[i] = v[(o[1] * 3 + o[2]) * 4 + o[0]];
      }
      assertBuffer(track(kernels().permute(x, axes)), ps, dtype, expected, 0, 0, "permute (2, 0, 1)");
    }

    /** Channels moved last and back on maps larger than a cache tile, batches enough for parallel ranges. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void permutesChannelsLastAndBack(DType dtype) {
      assumeSupported(dtype);
      Shape s = Shape.of(20, 70, 9, 5);
      double[] v = iota(s.sizeAsInt());
      for (int[] axes : new int[][] {{0, 2, 3, 1}, {0, 3, 1, 2}, {1, 0, 2, 3}, {3, 2, 1, 0}}) {
        Shape ps = Shape.of(s.dim(axes[0]), s.dim(axes[1]), s.dim(axes[2]), s.dim(axes[3]));
        double[] expected = new double[v.length];
        int[] strides = s.strides();
        for (int i = 0; i < v.length; i++) {
          int[] o = References.index(ps, i);
          int from = 0;
          for (int a = 0; a < 4; a++) {
            from += o[a] * strides[axes[a]];
          }
          expected[i] = v[from];
        }
        assertBuffer(track(kernels().permute(make(v, s, dtype), axes)), ps, dtype, expected, 0, 0,
            "permute " + java.util.Arrays.toString(axes) + " of " + s);
      }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void expandsSlicesAndPads(DType dtype) {
      assumeSupported(dtype);
      Buffer col = make(new double[] {1, 2, 3}, Shape.of(3, 1), dtype);
      Shape target = Shape.of(2, 3, 4);
      double[] expanded = new double[24];
      for (int i = 0; i < 24; i++) {
        expanded[i] = References.index(target, i)[1] + 1;
      }
      assertBuffer(track(kernels().expand(col, target)), target, dtype, expanded, 0, 0, "expand (3, 1)");
      assertBuffer(track(kernels().expand(make(new double[] {6}, Shape.scalar(), dtype), Shape.of(2))),
          Shape.of(2), dtype, new double[] {6, 6}, 0, 0, "expand a scalar");

      Buffer m = make(iota(20), Shape.of(4, 5), dtype);
      assertBuffer(track(kernels().slice(m, new int[] {1, 2}, new int[] {3, 5})), Shape.of(2, 3), dtype,
          new double[] {2, 3, 4, 7, 8, 9}, 0, 0, "slice [1:3, 2:5]");
      assertBuffer(track(kernels().slice(m, new int[] {2, 0}, new int[] {2, 5})), Shape.of(0, 5), dtype,
          new double[0], 0, 0, "empty slice");

      Buffer small = make(new double[] {1, 2, 3, 4}, Shape.of(2, 2), dtype);
      assertBuffer(track(kernels().pad(small, new int[] {1, 0}, new int[] {0, 2}, -1)), Shape.of(3, 4), dtype,
          new double[] {-1, -1, -1, -1, 1, 2, -1, -1, 3, 4, -1, -1}, 0, 0, "pad");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void concatenatesAlongAnyAxis(DType dtype) {
      assumeSupported(dtype);
      Buffer a = make(new double[] {1, 2, 3, 4}, Shape.of(2, 2), dtype);
      Buffer b = make(new double[] {5, 6}, Shape.of(2, 1), dtype);
      Buffer c = make(new double[] {7, 8, 9, 10, 11, 12}, Shape.of(2, 3), dtype);
      assertBuffer(track(kernels().concat(List.of(a, b, c), 1)), Shape.of(2, 6), dtype,
          new double[] {1, 2, 5, 7, 8, 9, 3, 4, 6, 10, 11, 12}, 0, 0, "concat along axis 1");
      Buffer d = make(new double[] {0, -1}, Shape.of(1, 2), dtype);
      assertBuffer(track(kernels().concat(List.of(a, d), 0)), Shape.of(3, 2), dtype,
          new double[] {1, 2, 3, 4, 0, -1}, 0, 0, "concat along axis 0");
    }

    @Test
    void chainsMovementResults() {
      Buffer x = make(iota(24), Shape.of(2, 3, 4), DType.FLOAT32);
      Buffer p = track(kernels().permute(x, new int[] {1, 2, 0}));
      Buffer s = track(kernels().slice(p, new int[] {1, 1, 0}, new int[] {3, 3, 2}));
      Buffer r = track(kernels().reshape(s, Shape.of(8)));
      double[] expected = new double[8];
      int i = 0;
      for (int d1 = 1; d1 < 3; d1++) {
        for (int d2 = 1; d2 < 3; d2++) {
          for (int d0 = 0; d0 < 2; d0++) {
            expected[i++] = (d0 * 3 + d1) * 4 + d2 - 5;
          }
        }
      }
      assertBuffer(r, Shape.of(8), DType.FLOAT32, expected, 0, 0, "reshape of slice of permute");
      Buffer padded = track(kernels().pad(p, new int[] {0, 0, 1}, new int[] {0, 0, 0}, 0));
      assertThat(padded.shape()).isEqualTo(Shape.of(3, 4, 3));
      assertThat(kernels().toFloats(padded)[1]).isEqualTo(-5f);
    }
  }

  @Nested
  class Gather {
    @ParameterizedTest
    @EnumSource(DType.class)
    void gathersAlongEachAxis(DType dtype) {
      assumeSupported(dtype);
      double[] v = iota(12);
      Buffer x = make(v, Shape.of(3, 4), dtype);
      Buffer i1 = make(new double[] {3, 0, 1, 1, 2, 3}, Shape.of(3, 2), DType.INT32);
      assertBuffer(track(kernels().gather(x, 1, i1)), Shape.of(3, 2), dtype,
          new double[] {v[3], v[0], v[5], v[5], v[10], v[11]}, 0, 0, "gather along axis 1");
      Buffer i0 = make(new double[] {2, 0, 1, 1, 1, 2}, Shape.of(2, 3), DType.INT32);
      assertBuffer(track(kernels().gather(x, 0, i0)), Shape.of(2, 3), dtype,
          new double[] {v[8], v[1], v[6], v[4], v[5], v[10]}, 0, 0, "gather along axis 0, shorter index");
    }

    @Test
    void refusesAnIndexOutOfRangeNamingTheIndexTheAxisAndTheSize() {
      Buffer x = make(iota(12), Shape.of(3, 4), DType.FLOAT32);
      Buffer tooLarge = make(new double[] {3, 0, 4, 1, 2, 3}, Shape.of(3, 2), DType.INT32);
      assertThatThrownBy(() -> kernels().gather(x, 1, tooLarge)).isInstanceOf(IndexOutOfRangeException.class)
          .hasMessage("gather: index 4 at element 2 is outside [0, 4) on axis 1 of (3, 4)")
          .satisfies(e -> {
            IndexOutOfRangeException r = (IndexOutOfRangeException) e;
            assertThat(new long[] {r.index(), r.element(), r.axis(), r.size()}).containsExactly(4, 2, 1, 4);
          });
      Buffer negative = make(new double[] {0, 1, -1}, Shape.of(1, 3), DType.INT32);
      assertThatThrownBy(() -> kernels().gather(x, 0, negative)).isInstanceOf(IndexOutOfRangeException.class)
          .hasMessage("gather: index -1 at element 2 is outside [0, 3) on axis 0 of (3, 4)");
      Tensor t = Tensors.on(kernels()).of(new float[12], Shape.of(3, 4));
      assertThatThrownBy(() -> t.gather(1, Tensors.on(kernels()).of(new int[] {0, 9}, Shape.of(1, 2))))
          .as("through the tensor API").isInstanceOf(IndexOutOfRangeException.class)
          .hasMessage("gather: index 9 at element 1 is outside [0, 4) on axis 1 of (3, 4)");
      t.close();
    }
  }

  @Nested
  class ScatterAdd {
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void accumulatesDuplicatesAndIsTheAdjointOfGather(DType dtype) {
      assumeSupported(dtype);
      Buffer index = make(new double[] {1, 1, 0, 3, 3, 3}, Shape.of(2, 3), DType.INT32);
      Buffer src = make(new double[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3), dtype);
      assertBuffer(track(kernels().scatterAdd(Shape.of(2, 4), 1, index, src)), Shape.of(2, 4), dtype,
          new double[] {3, 3, 0, 0, 0, 0, 0, 15}, 0, 0, "scatterAdd along axis 1");

      Shape xs = Shape.of(3, 4, 2);
      Shape is = Shape.of(2, 5, 2);
      double[] xv = rounded(uniform(xs.sizeAsInt(), 1, -1, 1), dtype);
      double[] g = rounded(uniform(is.sizeAsInt(), 2, -1, 1), dtype);
      double[] idx = integers(is.sizeAsInt(), 3, 0, 3);
      Buffer ib = make(idx, is, DType.INT32);
      double lhs = dot(kernels().toDoubles(track(kernels().gather(make(xv, xs, dtype), 1, ib))), g);
      double rhs = dot(xv, kernels().toDoubles(track(kernels().scatterAdd(xs, 1, ib, make(g, is, dtype)))));
      assertThat(Math.abs(lhs - rhs)).as("<gather(x), g> = <x, scatterAdd(g)>: %s vs %s", lhs, rhs)
          .isLessThanOrEqualTo(dtype == DType.FLOAT32 ? 1e-5 : 1e-12);
    }

    @Test
    void refusesAnIndexOutOfRangeNamingTheIndexTheAxisAndTheSize() {
      Buffer index = make(new double[] {1, 1, 0, 3, 7, 3}, Shape.of(2, 3), DType.INT32);
      Buffer src = make(new double[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3), DType.FLOAT32);
      assertThatThrownBy(() -> kernels().scatterAdd(Shape.of(2, 4), 1, index, src))
          .isInstanceOf(IndexOutOfRangeException.class)
          .hasMessage("scatterAdd: index 7 at element 4 is outside [0, 4) on axis 1 of (2, 4)");
    }
  }

  @Nested
  class Cast {
    @ParameterizedTest
    @EnumSource(DType.class)
    void convertsBetweenEveryPair(DType from) {
      assumeSupported(from);
      double[] v = rounded(new double[] {-2.75, -1.5, -0.25, 0, 0.5, 1.99, 3}, from);
      for (DType to : DType.values()) {
        if (to == DType.FLOAT64 && !capabilities().contains(org.vae4j.api.spi.Capability.FLOAT64)) {
          continue;
        }
        Buffer r = track(kernels().cast(make(v, Shape.of(7), from), to));
        assertBuffer(r, Shape.of(7), to, rounded(v, to), 0, 0, "cast " + from + " to " + to);
      }
    }
  }
}
