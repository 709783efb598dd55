package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.UnaryOp;
import org.vae4j.core.contract.References;

class DjlElementwiseTest extends KernelsTestBase {

  private static DoubleUnaryOperator reference(UnaryOp op) {
    return References.UNARY.get(op).f();
  }

  private static double[] inputs(UnaryOp op) {
    return switch (op) {
      case LOG, SQRT, RECIPROCAL, LGAMMA, DIGAMMA, TRIGAMMA -> values(1, 40, 0.05, 30);
      case LOG1P -> values(2, 40, -0.99, 10);
      default -> values(3, 40, -8, 8);
    };
  }

  @ParameterizedTest
  @EnumSource(UnaryOp.class)
  void unaryMatchesJavaInFloat64AndFloat32(UnaryOp op) {
    double[] x = inputs(op);
    DoubleUnaryOperator ref = reference(op);
    Buffer r64 = track(k.unary(op, f64(x, 5, 8)));
    Buffer r32 = track(k.unary(op, f32(floats(x), 5, 8)));
    assertThat(r64.dtype()).isEqualTo(DType.FLOAT64);
    assertThat(r32.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(r32.shape()).isEqualTo(Shape.of(5, 8));
    double[] got64 = d(r64);
    float[] got32 = k.toFloats(r32);
    for (int i = 0; i < x.length; i++) {
      double want = ref.applyAsDouble(x[i]);
      double want32 = ref.applyAsDouble((float) x[i]);
      assertThat(got64[i]).as("%s(%s) float64", op, x[i]).isCloseTo(want, within(1e-12 * Math.max(1, Math.abs(want))));
      assertThat((double) got32[i]).as("%s(%s) float32", op, x[i])
          .isCloseTo(want32, within(2e-6 * Math.max(1, Math.abs(want32))));
    }
  }

  @Test
  void sigmoidAndSoftplusAreFiniteAndAccurateAtPlusMinus100() {
    double[] x = {-100, -30, 30, 100};
    double[] sig = d(track(k.unary(UnaryOp.SIGMOID, f64(x, 4))));
    double[] sp = d(track(k.unary(UnaryOp.SOFTPLUS, f64(x, 4))));
    for (int i = 0; i < x.length; i++) {
      double wantSig = reference(UnaryOp.SIGMOID).applyAsDouble(x[i]);
      double wantSp = reference(UnaryOp.SOFTPLUS).applyAsDouble(x[i]);
      assertThat(sig[i]).as("sigmoid(%s)", x[i]).isCloseTo(wantSig, within(1e-15 * wantSig));
      assertThat(sp[i]).as("softplus(%s)", x[i]).isCloseTo(wantSp, within(1e-15 * wantSp));
    }
    assertThat(sig[0]).isEqualTo(3.720075976020836e-44, within(1e-57));
    assertThat(sp[0]).isEqualTo(3.720075976020836e-44, within(1e-57));
    float[] f = k.toFloats(track(k.unary(UnaryOp.SOFTPLUS, f32(new float[] {-100, 100, 21}, 3))));
    assertThat((double) f[0]).isCloseTo(3.720075976020836e-44, within(3e-45));
    assertThat(f[1]).isEqualTo(100f);
    assertThat(f[2]).isEqualTo(21f);
    float[] s = k.toFloats(track(k.unary(UnaryOp.SIGMOID, f32(new float[] {-100, 100, -80}, 3))));
    assertThat((double) s[0]).isCloseTo(Math.exp(-100), within(0.05 * Math.exp(-100)));
    assertThat(s[1]).isEqualTo(1f);
    assertThat((double) s[2]).isCloseTo(1.8048513878454153e-35, within(1e-41));
  }

  @Test
  void sigmoidKeepsItsTailBesideANaNAndSkipsNothingWithoutOne() {
    float[] s = k.toFloats(track(k.unary(UnaryOp.SIGMOID, f32(new float[] {Float.NaN, -100, 0}, 3))));
    assertThat(s[0]).isNaN();
    assertThat((double) s[1]).isCloseTo(Math.exp(-100), within(0.05 * Math.exp(-100)));
    assertThat(s[2]).isEqualTo(0.5f);
    float[] body = k.toFloats(track(k.unary(UnaryOp.SIGMOID, f32(new float[] {-79, 2, 40}, 3))));
    assertThat((double) body[0]).isCloseTo(Math.exp(-79), within(1e-6 * Math.exp(-79)));
    assertThat(body[2]).isEqualTo(1f);
  }

  @Test
  void softplusIsExactJustAboveLibtorchsThreshold() {
    double[] sp = d(track(k.unary(UnaryOp.SOFTPLUS, f64(new double[] {20.5, 25}, 2))));
    assertThat(sp[0]).isEqualTo(20.5 + Math.log1p(Math.exp(-20.5)));
    assertThat(sp[1]).isGreaterThan(25).isCloseTo(25 + Math.exp(-25), within(Math.ulp(25.0)));
  }

  @Test
  void log1pAndExpm1KeepFullPrecisionForTinyAndExtremeArguments() {
    double[] x = {1e-300, -1e-17, 1e-10, -3e-8, 1e-5, 0, -1, 700, Double.POSITIVE_INFINITY};
    double[] log1p = d(track(k.unary(UnaryOp.LOG1P, f64(x, x.length))));
    double[] expm1 = d(track(k.unary(UnaryOp.EXPM1, f64(x, x.length))));
    for (int i = 0; i < x.length; i++) {
      double l = Math.log1p(x[i]);
      double e = Math.expm1(x[i]);
      assertThat(log1p[i]).as("log1p(%s)", x[i]).isCloseTo(l, within(Double.isInfinite(l) ? 0 : 4 * Math.ulp(l)));
      assertThat(expm1[i]).as("expm1(%s)", x[i]).isCloseTo(e, within(Double.isInfinite(e) ? 0 : 4 * Math.ulp(e)));
    }
    double[] low = d(track(k.unary(UnaryOp.EXPM1, f64(new double[] {-800, Double.NEGATIVE_INFINITY}, 2))));
    assertThat(low).containsExactly(-1, -1);
    float[] f = k.toFloats(track(k.unary(UnaryOp.LOG1P, f32(new float[] {1e-10f, -0.5f}, 2))));
    assertThat(f[0]).isEqualTo(1e-10f);
    assertThat((double) f[1]).isCloseTo(Math.log(0.5), within(1e-7));
  }

  @Test
  void lgammaAndDigammaMatchReferenceValuesIncludingNegativeArgumentsAndPoles() {
    double[] x = {1, 0.5, 10, 100, 1e-5, -0.5, -2.5, 1.4616321449683622};
    double[] digamma = {-0.5772156649015329, -1.9635100260214235, 2.251752589066721, 4.600161852738087,
        -100000.57719921567, 0.03648997397857652, 1.1031566406452432, 0};
    double[] got = d(track(k.unary(UnaryOp.DIGAMMA, f64(x, x.length))));
    for (int i = 0; i < x.length; i++) {
      assertThat(got[i]).as("digamma(%s)", x[i])
          .isCloseTo(digamma[i], within(1e-12 * Math.max(1, Math.abs(digamma[i]))));
    }
    double[] poles = d(track(k.unary(UnaryOp.DIGAMMA, f64(new double[] {0, -1, -3}, 3))));
    assertThat(poles[0]).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(poles[1]).isNaN();
    assertThat(poles[2]).isNaN();
    double[] lgamma = d(track(k.unary(UnaryOp.LGAMMA, f64(new double[] {0.5, -0.5, 100}, 3))));
    assertThat(lgamma[0]).isCloseTo(0.5723649429247001, within(1e-14));
    assertThat(lgamma[1]).isCloseTo(1.2655121234846454, within(1e-14));
    assertThat(lgamma[2]).isCloseTo(359.1342053695754, within(1e-10));
  }

  @ParameterizedTest
  @EnumSource(BinaryOp.class)
  void binaryBroadcastsLikeNumpy(BinaryOp op) {
    double[] a = values(4, 6, 0.5, 3);
    double[] b = {0.5, 1, 2.5, 2};
    b[1] = a[1]; // a tie for the comparisons
    Buffer r = track(k.binary(op, f64(a, 3, 1, 2), f64(b, 2, 2)));
    assertThat(r.shape()).isEqualTo(Shape.of(3, 2, 2));
    assertThat(r.dtype()).isEqualTo(DType.FLOAT64);
    double[] got = d(r);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 2; j++) {
        for (int l = 0; l < 2; l++) {
          double x = a[i * 2 + l];
          double y = b[j * 2 + l];
          assertThat(got[(i * 2 + j) * 2 + l]).as("%s(%s, %s)", op, x, y)
              .isCloseTo(apply(op, x, y), within(1e-14));
        }
      }
    }
  }

  @Test
  void int32ArithmeticAndComparisonsStayInt32() {
    Buffer a = i32(new int[] {1, -2, 3}, 3);
    Buffer b = i32(new int[] {1, 5, -7}, 3);
    assertThat(k.toInts(track(k.binary(BinaryOp.ADD, a, b)))).containsExactly(2, 3, -4);
    assertThat(k.toInts(track(k.binary(BinaryOp.MUL, a, b)))).containsExactly(1, -10, -21);
    Buffer eq = track(k.binary(BinaryOp.EQ, a, b));
    assertThat(eq.dtype()).isEqualTo(DType.INT32);
    assertThat(k.toInts(eq)).containsExactly(1, 0, 0);
    assertThatThrownBy(() -> k.binary(BinaryOp.DIV, a, b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("binary DIV").hasMessageContaining("INT32");
  }

  @Test
  void whereTakesAnyConditionTypeAndBroadcasts() {
    Buffer cond = i32(new int[] {1, 0, -3}, 3, 1);
    Buffer yes = f32(new float[] {1, 2}, 2);
    Buffer no = f32(new float[] {-1}, 1);
    Buffer r = track(k.where(cond, yes, no));
    assertThat(r.shape()).isEqualTo(Shape.of(3, 2));
    assertThat(r.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(k.toFloats(r)).containsExactly(1, 2, -1, -1, 1, 2);
    Buffer nanCondition = f64(new double[] {Double.NaN, 0}, 2);
    assertThat(d(track(k.where(nanCondition, f64(new double[] {5, 5}, 2), f64(new double[] {7, 7}, 2)))))
        .containsExactly(5, 7);
  }

  private static double apply(BinaryOp op, double x, double y) {
    return switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case POW -> Math.pow(x, y);
      case MAX -> Math.max(x, y);
      case MIN -> Math.min(x, y);
      case EQ -> x == y ? 1 : 0;
      case NE -> x != y ? 1 : 0;
      case LT -> x < y ? 1 : 0;
      case LE -> x <= y ? 1 : 0;
      case GT -> x > y ? 1 : 0;
      case GE -> x >= y ? 1 : 0;
    };
  }
}
