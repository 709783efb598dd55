package org.vae4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.UnaryOp;
import org.vae4j.core.contract.ReferenceMath;

/** Unary, binary and where kernels: values against closed forms, numerics at the extremes, broadcasting. */
class Nd4jElementwiseTest extends TrackedBuffers {

  private double[] unary(UnaryOp op, DType dtype, double... x) {
    try (Buffer in = k.cast(track(k.fromDoubles(x, Shape.of(x.length))), dtype); Buffer out = k.unary(op, in)) {
      assertThat(out.dtype()).isEqualTo(dtype);
      assertThat(out.shape()).isEqualTo(Shape.of(x.length));
      return k.toDoubles(out);
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void sigmoidIsFiniteAndAccurateAtPlusMinus100(DType dtype) {
    double[] y = unary(UnaryOp.SIGMOID, dtype, -100, -30, 0, 30, 100);
    double tol = dtype == DType.FLOAT32 ? 1e-6 : 1e-14;
    assertThat(y[0]).isCloseTo(3.720075976020836e-44, within(3.720075976020836e-44 * 0.05)).isPositive();
    assertThat(y[1]).isCloseTo(9.357622968839299e-14, within(9.357622968839299e-14 * tol));
    assertThat(y[2]).isEqualTo(0.5);
    assertThat(y[3]).isCloseTo(1 - 9.357622968839299e-14, within(tol));
    assertThat(y[4]).isEqualTo(1.0);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void softplusIsFiniteAndAccurateAtPlusMinus100(DType dtype) {
    double[] y = unary(UnaryOp.SOFTPLUS, dtype, -100, -20, 0, 20, 100);
    double rel = dtype == DType.FLOAT32 ? 1e-6 : 1e-14;
    assertThat(y[0]).isCloseTo(3.720075976020836e-44, within(3.720075976020836e-44 * 0.05)).isPositive();
    assertThat(y[1]).isCloseTo(2.061153620314381e-09, within(2.061153620314381e-09 * rel));
    assertThat(y[2]).isCloseTo(Math.log(2), within(rel));
    assertThat(y[3]).isCloseTo(20.000000002061153, within(20 * rel));
    assertThat(y[4]).isEqualTo(100.0);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void lgammaAndDigammaMatchKnownValues(DType dtype) {
    double tol = dtype == DType.FLOAT32 ? 2e-6 : 1e-12;
    double[] x = {0.5, 1, 2, 10, -0.5, 100, 3.3};
    double[] lgamma = {0.5723649429247001, 0, 0, 12.801827480081469, 1.2655121234846454, 359.1342053695754,
        0.9870985778947343};
    double[] digamma = {-1.9635100260214235, -0.5772156649015329, 0.42278433509846713, 2.251752589066721,
        0.03648997397857652, 4.600161852738087, 1.0348224890586955};
    double[] lg = unary(UnaryOp.LGAMMA, dtype, x);
    double[] dg = unary(UnaryOp.DIGAMMA, dtype, x);
    for (int i = 0; i < x.length; i++) {
      assertThat(lg[i]).as("lgamma(%s)", x[i]).isCloseTo(lgamma[i], within(tol * Math.max(1, Math.abs(lgamma[i]))));
      assertThat(dg[i]).as("digamma(%s)", x[i]).isCloseTo(digamma[i], within(tol * Math.max(1, Math.abs(digamma[i]))));
    }
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void log1pAndExpm1KeepTheDigitsOfTinyArguments(DType dtype) {
    double rel = dtype == DType.FLOAT32 ? 3e-7 : 1e-15;
    double[] x = {1e-20, -1e-10, 1e-5, -0.5, 3, 0};
    double[] log1p = unary(UnaryOp.LOG1P, dtype, x);
    double[] expm1 = unary(UnaryOp.EXPM1, dtype, x);
    for (int i = 0; i < x.length; i++) {
      double xi = dtype == DType.FLOAT32 ? (float) x[i] : x[i];
      assertThat(log1p[i]).as("log1p(%s)", xi).isCloseTo(Math.log1p(xi), within(4 * rel * Math.abs(Math.log1p(xi))));
      assertThat(expm1[i]).as("expm1(%s)", xi).isCloseTo(Math.expm1(xi), within(4 * rel * Math.abs(Math.expm1(xi))));
    }
    double[] edges = unary(UnaryOp.LOG1P, dtype, -1, Double.POSITIVE_INFINITY);
    assertThat(edges).containsExactly(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    double[] expEdges = unary(UnaryOp.EXPM1, dtype, -1000, Double.POSITIVE_INFINITY, 50);
    assertThat(expEdges[0]).isEqualTo(-1.0);
    assertThat(expEdges[1]).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(expEdges[2]).isCloseTo(Math.expm1(50), within(4 * rel * Math.expm1(50)));
  }

  @Test
  void everyUnaryOpMatchesItsDefinition() {
    double[] x = {-2.5, -0.3, 0.4, 1.7};
    double[] pos = {0.2, 0.9, 1.5, 4.0};
    for (UnaryOp op : UnaryOp.values()) {
      double[] in = switch (op) {
        case LOG, LOG1P, SQRT, LGAMMA, DIGAMMA, TRIGAMMA -> pos;
        default -> x;
      };
      double[] y = unary(op, DType.FLOAT64, in);
      for (int i = 0; i < in.length; i++) {
        double v = in[i];
        double expected = switch (op) {
          case NEG -> -v;
          case EXP -> Math.exp(v);
          case LOG -> Math.log(v);
          case LOG1P -> Math.log1p(v);
          case EXPM1 -> Math.expm1(v);
          case SQRT -> Math.sqrt(v);
          case SQUARE -> v * v;
          case RECIPROCAL -> 1 / v;
          case ABS -> Math.abs(v);
          case SIGN -> Math.signum(v);
          case FLOOR -> Math.floor(v);
          case RELU -> Math.max(v, 0);
          case SIGMOID -> 1 / (1 + Math.exp(-v));
          case TANH -> Math.tanh(v);
          case SOFTPLUS -> Math.log1p(Math.exp(v));
          case LGAMMA -> ReferenceMath.lgamma(v);
          case DIGAMMA -> ReferenceMath.digamma(v);
          case TRIGAMMA -> ReferenceMath.trigamma(v);
          case ERF -> ReferenceMath.erf(v);
        };
        assertThat(y[i]).as("%s(%s)", op, v).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
      }
    }
  }

  @Test
  void binaryBroadcastsLikeNumPy() {
    try (Buffer a = k.fromDoubles(new double[] {1, 2, 3}, Shape.of(3, 1));
        Buffer b = k.fromDoubles(new double[] {10, 20}, Shape.of(1, 1, 2));
        Buffer sub = k.binary(BinaryOp.SUB, a, b);
        Buffer pow = k.binary(BinaryOp.POW, a, b);
        Buffer lt = k.binary(BinaryOp.LT, b, track(k.full(Shape.scalar(), DType.FLOAT64, 15)))) {
      assertThat(sub.shape()).isEqualTo(Shape.of(1, 3, 2));
      assertThat(k.toDoubles(sub)).containsExactly(-9, -19, -8, -18, -7, -17);
      assertThat(k.toDoubles(pow)).containsExactly(1, 1, 1024, 1048576, 59049, 3486784401.0);
      assertThat(lt.dtype()).isEqualTo(DType.FLOAT64);
      assertThat(k.toDoubles(lt)).containsExactly(1, 0);
    }
  }

  @Test
  void everyBinaryOpMatchesItsDefinitionInBothFloatTypes() {
    double[] a = {-2, 0.5, 3, 3};
    double[] b = {4, 0.5, -1.5, 3};
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (BinaryOp op : BinaryOp.values()) {
        try (Buffer x = k.cast(track(k.fromDoubles(a, Shape.of(4))), dtype);
            Buffer y = k.cast(track(k.fromDoubles(b, Shape.of(4))), dtype);
            Buffer z = k.binary(op, x, y)) {
          assertThat(z.dtype()).isEqualTo(dtype);
          double[] r = k.toDoubles(z);
          for (int i = 0; i < 4; i++) {
            double expected = switch (op) {
              case ADD -> a[i] + b[i];
              case SUB -> a[i] - b[i];
              case MUL -> a[i] * b[i];
              case DIV -> a[i] / b[i];
              case POW -> Math.pow(a[i], b[i]);
              case MAX -> Math.max(a[i], b[i]);
              case MIN -> Math.min(a[i], b[i]);
              case EQ -> a[i] == b[i] ? 1 : 0;
              case NE -> a[i] != b[i] ? 1 : 0;
              case LT -> a[i] < b[i] ? 1 : 0;
              case LE -> a[i] <= b[i] ? 1 : 0;
              case GT -> a[i] > b[i] ? 1 : 0;
              case GE -> a[i] >= b[i] ? 1 : 0;
            };
            assertThat(r[i]).as("%s %s(%s, %s)", dtype, op, a[i], b[i]).isCloseTo(expected, within(1e-6));
          }
        }
      }
    }
  }

  @Test
  void int32ArithmeticAndComparisonsStayInt32() {
    try (Buffer a = k.fromInts(new int[] {1, -2, 3}, Shape.of(3));
        Buffer b = k.fromInts(new int[] {5}, Shape.of(1));
        Buffer mul = k.binary(BinaryOp.MUL, a, b);
        Buffer sub = k.binary(BinaryOp.SUB, a, b);
        Buffer ge = k.binary(BinaryOp.GE, a, track(k.fromInts(new int[] {1, 0, 4}, Shape.of(3))))) {
      assertThat(mul.dtype()).isEqualTo(DType.INT32);
      assertThat(k.toInts(mul)).containsExactly(5, -10, 15);
      assertThat(k.toInts(sub)).containsExactly(-4, -7, -2);
      assertThat(ge.dtype()).isEqualTo(DType.INT32);
      assertThat(k.toInts(ge)).containsExactly(1, 0, 0);
    }
  }

  @Test
  void whereBroadcastsConditionAndBranches() {
    try (Buffer cond = k.fromInts(new int[] {1, 0, 7}, Shape.of(3));
        Buffer t = k.fromFloats(new float[] {1, 2}, Shape.of(2, 1));
        Buffer f = k.full(Shape.scalar(), DType.FLOAT32, -1);
        Buffer z = k.where(cond, t, f)) {
      assertThat(z.shape()).isEqualTo(Shape.of(2, 3));
      assertThat(z.dtype()).isEqualTo(DType.FLOAT32);
      assertThat(k.toFloats(z)).containsExactly(1, -1, 1, 2, -1, 2);
    }
  }

  @Test
  void emptyAndScalarShapesWork() {
    try (Buffer e = k.fromFloats(new float[0], Shape.of(0, 3));
        Buffer s = k.fromFloats(new float[] {2}, Shape.scalar());
        Buffer es = k.binary(BinaryOp.ADD, e, s);
        Buffer ss = k.unary(UnaryOp.SQUARE, s)) {
      assertThat(es.shape()).isEqualTo(Shape.of(0, 3));
      assertThat(k.toFloats(es)).isEmpty();
      assertThat(ss.shape()).isEqualTo(Shape.scalar());
      assertThat(k.toFloats(ss)).containsExactly(4);
    }
  }
}
