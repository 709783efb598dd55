package org.vae4j.backend.pure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * The Vector API loops against the scalar loops they replace, element by element, on values that reach every
 * branch: signed zeros, tiny and huge magnitudes, infinities, NaN, and lengths that leave a masked tail.
 */
class VectorLoopsTest {
  private static final float[] SPECIAL = {0f, -0f, 1e-30f, -1e-30f, 1e-7f, -1e-7f, 0.5f, -0.5f, 1f, -1f, 3f, -3f,
      20f, -20f, 88f, -88f, 100f, -100f, 1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE};
  private VectorLoops vector;

  @BeforeEach
  void vectorApi() {
    System.clearProperty(Gemms.PROPERTY);
    vector = VectorLoops.get();
    assumeTrue(vector != null, "jdk.incubator.vector is not present");
  }

  /** The special values, then random ones of every magnitude: 3 vectors and a tail. */
  private static float[] values(int n) {
    float[] x = new float[n];
    Random r = new Random(3);
    for (int i = 0; i < n; i++) {
      x[i] = i < SPECIAL.length ? SPECIAL[i] : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3));
    }
    return x;
  }

  /** Equal, both NaN, or within {@code ulps} units in the last place of the scalar result (1e-30 near zero). */
  private static void assertClose(float actual, float expected, int ulps, String what) {
    if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0) {
      assertThat(actual).as(what).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-30f));
      return;
    }
    assertThat(Math.abs(actual - expected)).as("%s: %s vs %s", what, actual, expected)
        .isLessThanOrEqualTo(ulps * Math.ulp(expected) + 1e-30f);
  }

  @ParameterizedTest
  @EnumSource(UnaryOp.class)
  void unaryLoopsAgreeWithTheScalarLoops(UnaryOp op) {
    UnaryKernels.FloatLoop loop = vector.unary(op);
    assumeTrue(loop != null, op + " has no vector loop");
    int n = 3 * 16 + 5 + SPECIAL.length;
    float[] x = values(n);
    float[] y = new float[n];
    float[] expected = new float[n];
    loop.run(x, y, 0, n);
    UnaryKernels.scalarFloat32(op).run(x, expected, 0, n);
    for (int i = 0; i < n; i++) {
      assertClose(y[i], expected[i], 4, op + "(" + x[i] + ")");
    }
  }

  @ParameterizedTest
  @EnumSource(value = BinaryOp.class, names = "POW", mode = EnumSource.Mode.EXCLUDE)
  void binaryLoopsAgreeWithTheScalarLoopsForArraysAndRepeatedOperands(BinaryOp op) {
    int n = 2 * 16 + 7 + SPECIAL.length;
    float[] a = values(n);
    float[] b = values(n + 1);
    System.arraycopy(b, 1, b, 0, n);
    for (int mode = 0; mode < 3; mode++) {
      boolean scalarA = mode == 1;
      boolean scalarB = mode == 2;
      float[] out = new float[n];
      assertThat(vector.binary(op, a, 3, scalarA, b, 2, scalarB, out, 0, n - 3)).isTrue();
      for (int i = 0; i < n - 3; i++) {
        float x = a[scalarA ? 3 : 3 + i];
        float y = b[scalarB ? 2 : 2 + i];
        float[] e = new float[1];
        BinaryKernels.run(op, null, new float[] {x}, 0, 1, new float[] {y}, 0, 1, e, 0, 1);
        assertThat(Float.valueOf(out[i])).as("%s(%s, %s)", op, x, y).isEqualTo(Float.valueOf(e[0]));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = BinaryOp.class, names = "POW")
  void powHasNoVectorLoop(BinaryOp op) {
    assertThat(vector.binary(op, new float[1], 0, false, new float[1], 0, false, new float[1], 0, 1)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void sumsAccumulateInDoubleAndExtremaPropagateNan() {
    float[] x = values(200);
    for (int i = 0; i < x.length; i++) {
      x[i] = Float.isFinite(x[i]) && Math.abs(x[i]) < 1e6f ? x[i] : 0.25f;
    }
    double expected = 0;
    for (int i = 5; i < 5 + 150; i++) {
      expected += x[i];
    }
    assertThat(vector.sum(x, 5, 150)).isEqualTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    float max = -Float.MAX_VALUE;
    float min = Float.MAX_VALUE;
    for (int i = 1; i < 1 + 77; i++) {
      max = Math.max(max, x[i]);
      min = Math.min(min, x[i]);
    }
    assertThat(vector.extremum(x, 1, 77, true)).isEqualTo(max);
    assertThat(vector.extremum(x, 1, 77, false)).isEqualTo(min);
    x[40] = Float.NaN;
    assertThat(vector.extremum(x, 1, 77, true)).isNaN();
    assertThat(vector.extremum(x, 1, 3, false)).isEqualTo(Math.min(x[1], Math.min(x[2], x[3])));
  }

  @org.junit.jupiter.api.Test
  void bceAndAdamAgreeWithTheScalarFormulas() {
    int n = 3 * 16 + 9 + SPECIAL.length;
    float[] l = values(n);
    float[] t = new float[n];
    for (int i = 0; i < n; i++) {
      t[i] = (i % 5) / 4f;
      l[i] = Float.isNaN(l[i]) || Float.isInfinite(l[i]) || Math.abs(l[i]) > 1e6f ? 7f : l[i];
    }
    float[] out = new float[n];
    vector.bceWithLogits(l, t, out, 0, n);
    for (int i = 0; i < n; i++) {
      double x = l[i];
      float e = (float) (Math.max(x, 0) - x * t[i] + Math.log1p(Math.exp(-Math.abs(x))));
      assertClose(out[i], e, 4, "bce(" + l[i] + ", " + t[i] + ")");
    }
    float[] p = values(n);
    float[] g = values(n + 3);
    for (int i = 0; i < n; i++) {
      p[i] = Float.isFinite(p[i]) ? p[i] : 1f;
      g[i] = Float.isFinite(g[i + 3]) && Math.abs(g[i + 3]) < 1e15f ? g[i + 3] : -2f;
    }
    float[] m = new float[n];
    float[] v = new float[n];
    java.util.Arrays.fill(m, 0.1f);
    java.util.Arrays.fill(v, 0.2f);
    float[] p2 = p.clone();
    vector.adam(p, g, m, v, 0, n, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 0.01f, 3f);
    for (int i = 0; i < n; i++) {
      float mi = 0.9f * 0.1f + 0.1f * g[i];
      float vi = 0.999f * 0.2f + 0.001f * g[i] * g[i];
      assertClose(m[i], mi, 1, "m");
      assertClose(v[i], vi, 1, "v");
      assertClose(p[i], p2[i] - 0.01f * mi / ((float) Math.sqrt(vi) * 3f + 1e-8f), 2, "p");
    }
  }
}
