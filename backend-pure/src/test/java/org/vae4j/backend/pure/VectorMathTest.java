package org.vae4j.backend.pure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class VectorMathTest {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  @Test
  void expIsWithinTwoUlpOfMathFromUnderflowToOverflow() {
    assertWithinUlps(VectorMath::exp, Math::exp, sweep(-110f, 90f), 2);
    assertWithinUlps(VectorMath::exp, Math::exp, new float[] {Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, -0f, 0f, 88.72f, 89f, -87.4f, -100f, -103.9f, -104f, 1e-30f}, 2);
  }

  @Test
  void logIsWithinTwoUlpOfMathOverEveryBinade() {
    float[] x = new float[40_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.pow(2, -149 + 277.0 * i / x.length) * (1 + (i % 97) / 97f);
    }
    assertWithinUlps(VectorMath::log, Math::log, x, 2);
    assertWithinUlps(VectorMath::log, Math::log, new float[] {Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, -1f, -0f, 0f, Float.MIN_VALUE, Float.MIN_NORMAL, 1f, 0.70710677f, 2f}, 2);
  }

  @Test
  void tanhIsWithinThreeUlpOfMath() {
    assertWithinUlps(VectorMath::tanh, Math::tanh, sweep(-12f, 12f), 3);
    assertWithinUlps(VectorMath::tanh, Math::tanh, new float[] {Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, -0f, 0f, 1e-20f, 0.6249f, 0.625f, 50f, -50f}, 3);
  }

  private static float[] sweep(float from, float to) {
    float[] x = new float[100_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = from + (to - from) * i / x.length;
    }
    return x;
  }

  private static void assertWithinUlps(UnaryOperator<FloatVector> vector, DoubleUnaryOperator reference, float[] x,
      int ulps) {
    int n = (x.length + S.length() - 1) / S.length() * S.length();
    float[] in = java.util.Arrays.copyOf(x, n);
    float[] out = new float[n];
    for (int i = 0; i < n; i += S.length()) {
      vector.apply(FloatVector.fromArray(S, in, i)).intoArray(out, i);
    }
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
