package org.vae4j.backend.pure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.vae4j.api.spi.UnaryOp;

/** VectorMath's exp and log, and the tanh built on them, against {@link Math}, special values bit for bit. */
class VectorMathTest {
  /** A function of a whole array, its length a multiple of the vector length. */
  private interface ArrayFunction {
    void apply(float[] x, float[] y, int n);
  }

  private static final ArrayFunction EXP = (x, y, n) -> VectorMath.exp(x, 0, y, 0, n);
  private static final ArrayFunction LOG = (x, y, n) -> VectorMath.log(x, 0, y, 0, n);
  private static final ArrayFunction TANH = (x, y, n) -> new VectorFloatLoops().unary(UnaryOp.TANH).run(x, y, 0, n);

  @Test
  void expIsWithinTwoUlpOfMathFromUnderflowToOverflow() {
    assertWithinUlps(EXP, Math::exp, sweep(-110f, 90f), 2);
    assertWithinUlps(EXP, Math::exp, new float[] {Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, -0f, 0f, 88.72f, 89f, -87.4f, -100f, -103.9f, -104f, 1e-30f}, 2);
  }

  @Test
  void logIsWithinTwoUlpOfMathOverEveryBinade() {
    float[] x = new float[40_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.pow(2, -149 + 277.0 * i / x.length) * (1 + (i % 97) / 97f);
    }
    assertWithinUlps(LOG, Math::log, x, 2);
    assertWithinUlps(LOG, Math::log, new float[] {Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, -1f, -0f, 0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1f, 0.70710677f, 2f}, 2);
  }

  @Test
  void tanhIsWithinThreeUlpOfMath() {
    assertWithinUlps(TANH, Math::tanh, sweep(-12f, 12f), 3);
    assertWithinUlps(TANH, Math::tanh, new float[] {Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, -0f, 0f, 1e-20f, 0.6249f, 0.625f, 50f, -50f}, 3);
  }

  private static float[] sweep(float from, float to) {
    float[] x = new float[100_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = from + (to - from) * i / x.length;
    }
    return x;
  }

  private static void assertWithinUlps(ArrayFunction function, DoubleUnaryOperator reference, float[] x, int ulps) {
    int n = (x.length + VectorMath.LANES - 1) / VectorMath.LANES * VectorMath.LANES;
    float[] in = java.util.Arrays.copyOf(x, n);
    float[] out = new float[n];
    function.apply(in, out, n);
    for (int i = 0; i < x.length; i++) {
      float expected = (float) reference.applyAsDouble(x[i]);
      if (Float.isNaN(expected) || Float.isInfinite(expected) || expected == 0) {
        assertThat(Float.floatToIntBits(out[i])).as("at %s: %s, expected %s", x[i], out[i], expected)
            .isEqualTo(Float.floatToIntBits(expected));
      } else {
        assertThat(Math.abs(out[i] - expected)).as("at %s: %s, expected %s", x[i], out[i], expected)
            .isLessThanOrEqualTo(ulps * Math.ulp(expected));
      }
    }
  }
}
