package org.vae4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.ReduceOp;

/** Movement, reductions and casts against hand-computed results. */
class Nd4jMovementTest extends TrackedBuffers {

  private Buffer iota(int... shape) {
    Shape s = Shape.of(shape);
    double[] v = new double[s.sizeAsInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    return k.fromDoubles(v, s);
  }

  @Test
  void hostTransferConvertsEveryType() {
    try (Buffer f = k.fromFloats(new float[] {1.5f, -2.7f}, Shape.of(2));
        Buffer i = k.fromInts(new int[] {3, -4}, Shape.of(2, 1));
        Buffer full = k.full(Shape.of(2), DType.INT32, 7.9)) {
      assertThat(k.toDoubles(f)).containsExactly(1.5, (double) -2.7f);
      assertThat(k.toInts(f)).containsExactly(1, -2);
      assertThat(k.toFloats(i)).containsExactly(3, -4);
      assertThat(k.toInts(full)).containsExactly(7, 7);
      assertThat(full.dtype()).isEqualTo(DType.INT32);
    }
  }

  @Test
  void reduceKeepsOrRemovesAxes() {
    try (Buffer x = iota(2, 3, 4);
        Buffer sum = k.reduce(ReduceOp.SUM, x, new int[] {0, 2}, false);
        Buffer max = k.reduce(ReduceOp.MAX, x, new int[] {1}, true);
        Buffer all = k.reduce(ReduceOp.MIN, x, new int[] {0, 1, 2}, false)) {
      assertThat(sum.shape()).isEqualTo(Shape.of(3));
      assertThat(k.toDoubles(sum)).containsExactly(60, 92, 124);
      assertThat(max.shape()).isEqualTo(Shape.of(2, 1, 4));
      assertThat(k.toDoubles(max)).containsExactly(8, 9, 10, 11, 20, 21, 22, 23);
      assertThat(all.shape()).isEqualTo(Shape.scalar());
      assertThat(k.toDoubles(all)).containsExactly(0);
    }
  }

  @Test
  void argReduceTakesTheFirstIndexOnTies() {
    try (Buffer x = k.fromFloats(new float[] {2, 1, 1, 2, 7, 7, 7, 7, 0, 5, 5, 0}, Shape.of(3, 4));
        Buffer max = k.argReduce(ReduceOp.MAX, x, 1);
        Buffer min = k.argReduce(ReduceOp.MIN, x, 1);
        Buffer down = k.argReduce(ReduceOp.MAX, x, 0)) {
      assertThat(max.dtype()).isEqualTo(DType.INT32);
      assertThat(k.toInts(max)).containsExactly(0, 0, 1);
      assertThat(k.toInts(min)).containsExactly(1, 0, 0);
      assertThat(k.toInts(down)).containsExactly(1, 1, 1, 1);
    }
    assertThatThrownBy(() -> k.argReduce(ReduceOp.SUM, track(iota(2)), 0)).hasMessageContaining("SUM");
  }

  @Test
  void permuteExpandSliceAndPadMoveElementsLikeNumPy() {
    try (Buffer x = iota(2, 3, 4);
        Buffer p = k.permute(x, new int[] {2, 0, 1});
        Buffer e = k.expand(track(k.fromDoubles(new double[] {1, 2, 3}, Shape.of(3, 1))), Shape.of(2, 3, 2));
        Buffer s = k.slice(x, new int[] {1, 0, 1}, new int[] {2, 3, 3});
        Buffer pad = k.pad(iota(2, 2), new int[] {1, 0}, new int[] {0, 2}, -1)) {
      assertThat(p.shape()).isEqualTo(Shape.of(4, 2, 3));
      assertThat(k.toDoubles(p)).startsWith(0, 4, 8, 12, 16, 20, 1, 5);
      assertThat(k.toDoubles(e)).containsExactly(1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3);
      assertThat(s.shape()).isEqualTo(Shape.of(1, 3, 2));
      assertThat(k.toDoubles(s)).containsExactly(13, 14, 17, 18, 21, 22);
      assertThat(pad.shape()).isEqualTo(Shape.of(3, 4));
      assertThat(k.toDoubles(pad)).containsExactly(-1, -1, -1, -1, 0, 1, -1, -1, 2, 3, -1, -1);
    }
  }

  @Test
  void concatJoinsAlongAnyAxisAndSkipsEmptyParts() {
    try (Buffer a = iota(2, 2);
        Buffer b = k.fromDoubles(new double[] {9, 8}, Shape.of(2, 1));
        Buffer none = k.fromDoubles(new double[0], Shape.of(2, 0));
        Buffer c = k.concat(List.of(a, none, b), 1)) {
      assertThat(c.shape()).isEqualTo(Shape.of(2, 3));
      assertThat(k.toDoubles(c)).containsExactly(0, 1, 9, 2, 3, 8);
    }
  }

  @Test
  void gatherFollowsTorchGatherOnEveryAxis() {
    try (Buffer x = iota(2, 3, 4)) {
      // index of shape (2, 2, 2): shorter than x on axes 1 and 2
      int[] idx = {2, 0, 1, 1, 0, 0, 2, 1};
      try (Buffer index = k.fromInts(idx, Shape.of(2, 2, 2));
          Buffer g1 = k.gather(x, 1, index);
          Buffer g2 = k.gather(x, 2, index)) {
        double[] expected1 = new double[8];
        double[] expected2 = new double[8];
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 2; j++) {
            for (int l = 0; l < 2; l++) {
              int p = i * 4 + j * 2 + l;
              expected1[p] = i * 12 + idx[p] * 4 + l;
              expected2[p] = i * 12 + j * 4 + idx[p];
            }
          }
        }
        assertThat(k.toDoubles(g1)).containsExactly(expected1);
        assertThat(k.toDoubles(g2)).containsExactly(expected2);
      }
    }
  }

  @Test
  void scatterAddIsTheAdjointOfGatherAndAccumulatesDuplicates() {
    try (Buffer index = k.fromInts(new int[] {2, 0, 0, 1, 1, 1, 0, 2}, Shape.of(2, 4));
        Buffer src = k.fromFloats(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, Shape.of(2, 4));
        Buffer out = k.scatterAdd(Shape.of(3, 4), 0, index, src);
        Buffer dup = k.scatterAdd(Shape.of(1, 2), 1, track(k.fromInts(new int[] {1, 1, 1}, Shape.of(1, 3))),
            track(k.fromFloats(new float[] {1, 2, 3}, Shape.of(1, 3))))) {
      assertThat(out.dtype()).isEqualTo(DType.FLOAT32);
      assertThat(k.toFloats(out)).containsExactly(0, 2, 3 + 7, 0, 5, 6, 0, 4, 1, 0, 0, 8);
      assertThat(k.toFloats(dup)).containsExactly(0, 6);
    }
  }

  @Test
  void castTruncatesTowardZeroAndReshapeKeepsRowMajorOrder() {
    try (Buffer x = k.fromDoubles(new double[] {-1.7, -0.2, 0.9, 2.5, 3, -3}, Shape.of(2, 3));
        Buffer i = k.cast(x, DType.INT32);
        Buffer r = k.reshape(x, Shape.of(3, 1, 2));
        Buffer f = k.cast(r, DType.FLOAT32)) {
      assertThat(k.toInts(i)).containsExactly(-1, 0, 0, 2, 3, -3);
      assertThat(r.shape()).isEqualTo(Shape.of(3, 1, 2));
      assertThat(k.toDoubles(r)).containsExactly(-1.7, -0.2, 0.9, 2.5, 3, -3);
      assertThat(k.toFloats(f)).containsExactly(-1.7f, -0.2f, 0.9f, 2.5f, 3f, -3f);
    }
  }

  @Test
  void movementOpsAndWhereAcceptInt32() {
    try (Buffer x = k.fromInts(new int[] {1, 2, 3, 4, 5, 6}, Shape.of(2, 3));
        Buffer p = k.permute(x, new int[] {1, 0});
        Buffer e = k.expand(track(k.fromInts(new int[] {7}, Shape.of(1))), Shape.of(2, 2));
        Buffer s = k.slice(x, new int[] {0, 1}, new int[] {2, 2});
        Buffer pad = k.pad(s, new int[] {1, 0}, new int[] {0, 1}, 9);
        Buffer c = k.concat(List.of(x, x), 0);
        Buffer g = k.gather(x, 1, track(k.fromInts(new int[] {2, 0}, Shape.of(2, 1))));
        Buffer w = k.where(track(k.fromInts(new int[] {1, 0, 1}, Shape.of(3))), x,
            track(k.fromInts(new int[] {0}, Shape.of(1))));
        Buffer r = k.reshape(x, Shape.of(3, 2))) {
      assertThat(k.toInts(p)).containsExactly(1, 4, 2, 5, 3, 6);
      assertThat(k.toInts(e)).containsExactly(7, 7, 7, 7);
      assertThat(k.toInts(pad)).containsExactly(9, 9, 2, 9, 5, 9);
      assertThat(c.shape()).isEqualTo(Shape.of(4, 3));
      assertThat(k.toInts(g)).containsExactly(3, 4);
      assertThat(k.toInts(w)).containsExactly(1, 0, 3, 4, 0, 6);
      assertThat(k.toInts(r)).containsExactly(1, 2, 3, 4, 5, 6);
      for (Buffer b : new Buffer[] {p, e, s, pad, c, g, w, r}) {
        assertThat(b.dtype()).isEqualTo(DType.INT32);
      }
    }
  }
}
