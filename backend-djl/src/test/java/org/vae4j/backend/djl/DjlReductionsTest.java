package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.ReduceOp;

class DjlReductionsTest extends KernelsTestBase {
  private final double[] x = values(7, 24, -5, 5);

  private double at(int i, int j, int l) {
    return x[(i * 3 + j) * 4 + l];
  }

  @Test
  void sumMaxMinOverSeveralAxesWithAndWithoutKeptDims() {
    Buffer b = f64(x, 2, 3, 4);
    for (ReduceOp op : ReduceOp.values()) {
      Buffer kept = track(k.reduce(op, b, new int[] {0, 2}, true));
      Buffer dropped = track(k.reduce(op, b, new int[] {0, 2}, false));
      assertThat(kept.shape()).isEqualTo(Shape.of(1, 3, 1));
      assertThat(dropped.shape()).isEqualTo(Shape.of(3));
      double[] want = new double[3];
      for (int j = 0; j < 3; j++) {
        double acc = op == ReduceOp.SUM ? 0 : at(0, j, 0);
        for (int i = 0; i < 2; i++) {
          for (int l = 0; l < 4; l++) {
            acc = switch (op) {
              case SUM -> acc + at(i, j, l);
              case MAX -> Math.max(acc, at(i, j, l));
              case MIN -> Math.min(acc, at(i, j, l));
            };
          }
        }
        want[j] = acc;
      }
      assertThat(d(kept)).as("%s kept", op).containsExactly(want, within(1e-12));
      assertThat(d(dropped)).as("%s dropped", op).containsExactly(want, within(1e-12));
    }
  }

  @Test
  void reducingEveryAxisGivesAScalarOfTheInputType() {
    Buffer all = track(k.reduce(ReduceOp.MAX, f32(floats(x), 2, 3, 4), new int[] {0, 1, 2}, false));
    assertThat(all.shape()).isEqualTo(Shape.scalar());
    assertThat(all.dtype()).isEqualTo(DType.FLOAT32);
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, (float) v);
    }
    assertThat(k.toFloats(all)).containsExactly((float) max);
  }

  @Test
  void argMaxAndArgMinReturnTheFirstIndexOnTiesAsInt32() {
    double[] ties = {1, 3, 3, 0, 3, -2, -2, -2, 5, 5, 1, 1, -7, -7, 0, -7};
    Buffer t = f64(ties, 4, 4);
    Buffer max = track(k.argReduce(ReduceOp.MAX, t, 1));
    Buffer min = track(k.argReduce(ReduceOp.MIN, t, 1));
    assertThat(max.dtype()).isEqualTo(DType.INT32);
    assertThat(max.shape()).isEqualTo(Shape.of(4));
    assertThat(k.toInts(max)).containsExactly(1, 0, 0, 2);
    assertThat(k.toInts(min)).containsExactly(3, 1, 2, 0);
    assertThat(k.toInts(track(k.argReduce(ReduceOp.MAX, t, 0)))).containsExactly(2, 2, 0, 2);
    float[] many = new float[1000];
    many[400] = 1;
    many[700] = 1;
    assertThat(k.toInts(track(k.argReduce(ReduceOp.MAX, f32(many, 1, 1000), 1)))).containsExactly(400);
    assertThatThrownBy(() -> k.argReduce(ReduceOp.SUM, t, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SUM");
  }
}
