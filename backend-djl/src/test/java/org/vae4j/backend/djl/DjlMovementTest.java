package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Buffer;

class DjlMovementTest extends KernelsTestBase {

  private static double[] iota(int n) {
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  @Test
  void reshapePermuteExpandAndSliceFollowRowMajorOrder() {
    Buffer x = f64(iota(24), 2, 3, 4);
    assertThat(d(track(k.reshape(x, Shape.of(4, 6))))).containsExactly(iota(24));
    Buffer p = track(k.permute(x, new int[] {2, 0, 1}));
    assertThat(p.shape()).isEqualTo(Shape.of(4, 2, 3));
    assertThat(d(p)).startsWith(0, 4, 8, 12, 16, 20, 1, 5);
    Buffer e = track(k.expand(f64(new double[] {1, 2, 3}, 3, 1), Shape.of(2, 3, 2)));
    assertThat(d(e)).containsExactly(1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3);
    Buffer s = track(k.slice(x, new int[] {1, 0, 1}, new int[] {2, 3, 3}));
    assertThat(s.shape()).isEqualTo(Shape.of(1, 3, 2));
    assertThat(d(s)).containsExactly(13, 14, 17, 18, 21, 22);
    assertThat(d(track(k.reshape(p, Shape.of(24))))).startsWith(0, 4, 8, 12);
  }

  @Test
  void viewsOutliveTheBufferTheyWereMadeFrom() {
    Buffer base = k.fromDoubles(iota(6), Shape.of(2, 3));
    Buffer view = track(k.permute(base, new int[] {1, 0}));
    Buffer slice = track(k.slice(base, new int[] {0, 1}, new int[] {2, 2}));
    base.close();
    assertThat(base.isClosed()).isTrue();
    assertThat(d(view)).containsExactly(0, 3, 1, 4, 2, 5);
    assertThat(d(slice)).containsExactly(1, 4);
  }

  @Test
  void padAddsBeforeAndAfterOnEveryAxisForFloatsAndInts() {
    Buffer p = track(k.pad(f32(new float[] {1, 2, 3, 4}, 2, 2), new int[] {1, 0}, new int[] {0, 2}, -1));
    assertThat(p.shape()).isEqualTo(Shape.of(3, 4));
    assertThat(k.toFloats(p)).containsExactly(-1, -1, -1, -1, 1, 2, -1, -1, 3, 4, -1, -1);
    Buffer q = track(k.pad(i32(new int[] {5, 6}, 2), new int[] {2}, new int[] {1}, 0));
    assertThat(q.dtype()).isEqualTo(DType.INT32);
    assertThat(k.toInts(q)).containsExactly(0, 0, 5, 6, 0);
  }

  @Test
  void concatJoinsAlongTheAxis() {
    Buffer a = i32(new int[] {1, 2, 3, 4}, 2, 2);
    Buffer b = i32(new int[] {9, 8}, 2, 1);
    Buffer c = track(k.concat(List.of(a, b), 1));
    assertThat(c.shape()).isEqualTo(Shape.of(2, 3));
    assertThat(k.toInts(c)).containsExactly(1, 2, 9, 3, 4, 8);
  }

  @Test
  void castTruncatesFloatsTowardZeroAndConvertsBetweenFloatTypes() {
    Buffer x = f64(new double[] {-2.7, -0.5, 0.5, 2.7, 1e10 / 3}, 5);
    Buffer i = track(k.cast(x, DType.INT32));
    assertThat(i.dtype()).isEqualTo(DType.INT32);
    assertThat(k.toInts(i)).startsWith(-2, 0, 0, 2);
    assertThat(k.toInts(x)).startsWith(-2, 0, 0, 2);
    Buffer f = track(k.cast(x, DType.FLOAT32));
    assertThat(k.toFloats(f)[4]).isEqualTo((float) (1e10 / 3));
    Buffer same = track(k.cast(x, DType.FLOAT64));
    x.close();
    assertThat(d(same)).startsWith(-2.7, -0.5);
  }

  @Test
  void gatherFollowsTorchGatherAlongEitherAxis() {
    Buffer x = f64(iota(12), 3, 4);
    Buffer rows = track(k.gather(x, 0, i32(new int[] {2, 0, 1, 1, 0, 0, 2, 2}, 2, 4)));
    assertThat(rows.shape()).isEqualTo(Shape.of(2, 4));
    assertThat(d(rows)).containsExactly(8, 1, 6, 7, 0, 1, 10, 11);
    Buffer cols = track(k.gather(x, 1, i32(new int[] {3, 3, 0}, 3, 1)));
    assertThat(d(cols)).containsExactly(3, 7, 8);
    Buffer narrower = track(k.gather(x, 1, i32(new int[] {1, 0}, 2, 1)));
    assertThat(d(narrower)).containsExactly(1, 4);
  }

  @Test
  void scatterAddAccumulatesDuplicatesAndIsTheAdjointOfGather() {
    Buffer index = i32(new int[] {2, 0, 0, 1, 2, 0, 0, 1}, 2, 4);
    Buffer src = f32(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 2, 4);
    Buffer r = track(k.scatterAdd(Shape.of(3, 4), 0, index, src));
    assertThat(r.shape()).isEqualTo(Shape.of(3, 4));
    assertThat(r.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(k.toFloats(r)).containsExactly(0, 22, 33, 0, 0, 0, 0, 44, 11, 0, 0, 0);
    Buffer wide = track(k.scatterAdd(Shape.of(3, 5), 1, i32(new int[] {4, 4, 0}, 3, 1),
        f64(new double[] {1, 2, 3}, 3, 1)));
    assertThat(d(wide)).containsExactly(0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 3, 0, 0, 0, 0);
    double[] xs = values(9, 15, -1, 1);
    double[] gs = values(10, 8, -1, 1);
    Buffer idx = i32(new int[] {4, 0, 4, 4, 1, 2, 3, 0}, 2, 4);
    Buffer gathered = track(k.gather(f64(xs, 3, 5), 1, idx));
    Buffer scattered = track(k.scatterAdd(Shape.of(3, 5), 1, idx, f64(gs, 2, 4)));
    assertThat(dot(d(gathered), gs)).isCloseTo(dot(xs, d(scattered)), org.assertj.core.api.Assertions.within(1e-12));
    Buffer empty = track(k.scatterAdd(Shape.of(2, 2), 0, i32(new int[0], 0, 2), f64(new double[0], 0, 2)));
    assertThat(d(empty)).containsExactly(0, 0, 0, 0);
  }

  @Test
  void fullAndScalarsRoundTrip() {
    Buffer s = track(k.full(Shape.scalar(), DType.INT32, 7));
    assertThat(s.shape()).isEqualTo(Shape.scalar());
    assertThat(k.toInts(s)).containsExactly(7);
    Buffer z = track(k.full(Shape.of(2, 0), DType.FLOAT32, 1));
    assertThat(k.toFloats(z)).isEmpty();
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
