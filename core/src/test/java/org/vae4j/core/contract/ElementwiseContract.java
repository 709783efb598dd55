package org.vae4j.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.UnaryOp;

/** Contract groups for host transfer, unary, binary, where and cast. */
public abstract class ElementwiseContract extends ContractSupport {

  @Nested
  class HostTransfer {
    @ParameterizedTest
    @EnumSource(DType.class)
    void roundTripsEveryDtype(DType dtype) {
      assumeSupported(dtype);
      double[] v = {-2.75, -1, 0, 0.5, 3, 1e6};
      Buffer b = make(v, Shape.of(2, 3), dtype);
      assertBuffer(b, Shape.of(2, 3), dtype, rounded(v, dtype), 0, 0, "round trip");
      assertThat(kernels().toFloats(b)).containsExactly(toFloat(rounded(v, dtype)));
      assertThat(kernels().toInts(b)).containsExactly(toInt(rounded(v, dtype)));
      assertThat(b.device()).isEqualTo(kernels().device());
    }

    @Test
    void copiesHostArrays() {
      float[] data = {1, 2, 3};
      Buffer b = track(kernels().fromFloats(data, Shape.of(3)));
      data[0] = 99;
      assertThat(kernels().toFloats(b)).containsExactly(1, 2, 3);
      kernels().toFloats(b)[1] = 99;
      assertThat(kernels().toFloats(b)).containsExactly(1, 2, 3);
    }

    @Test
    void truncatesTowardZeroWhenReadAsInts() {
      Buffer b = make(new double[] {-1.7, -0.2, 0.9, 2.99}, Shape.of(4), DType.FLOAT32);
      assertThat(kernels().toInts(b)).containsExactly(-1, 0, 0, 2);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void fillsScalarsAndEmptyShapes(DType dtype) {
      assumeSupported(dtype);
      assertBuffer(track(kernels().full(Shape.scalar(), dtype, 2.5)), Shape.scalar(), dtype,
          rounded(new double[] {2.5}, dtype), 0, 0, "scalar full");
      assertBuffer(track(kernels().full(Shape.of(2, 0, 3), dtype, 1)), Shape.of(2, 0, 3), dtype, new double[0],
          "empty full");
      assertBuffer(track(kernels().full(Shape.of(3, 1), dtype, -4)), Shape.of(3, 1), dtype,
          new double[] {-4, -4, -4}, 0, 0, "full");
    }

    @Test
    void closesIdempotentlyWithoutTouchingOtherBuffers() {
      Buffer a = make(new double[] {1, 2, 3, 4}, Shape.of(2, 2), DType.FLOAT32);
      Buffer view = track(kernels().reshape(a, Shape.of(4)));
      Buffer moved = track(kernels().permute(a, new int[] {1, 0}));
      a.close();
      a.close();
      assertThat(a.isClosed()).isTrue();
      assertThat(view.isClosed()).isFalse();
      assertThat(kernels().toFloats(view)).containsExactly(1, 2, 3, 4);
      assertThat(kernels().toFloats(moved)).containsExactly(1, 3, 2, 4);
    }
  }

  @Nested
  class Unary {
    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void float32(UnaryOp op) {
      check(op, DType.FLOAT32);
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void float64(UnaryOp op) {
      assumeSupported(DType.FLOAT64);
      check(op, DType.FLOAT64);
    }

    private void check(UnaryOp op, DType dtype) {
      References.UnaryRef ref = References.UNARY.get(op);
      if (ref == null) {
        fail("UnaryOp." + op + " has no reference in References.UNARY: add one");
      }
      double[] in = rounded(ref.inputs(), dtype);
      double[] expected = new double[in.length];
      for (int i = 0; i < in.length; i++) {
        expected[i] = ref.f().applyAsDouble(in[i]);
      }
      boolean special = op == UnaryOp.LGAMMA || op == UnaryOp.DIGAMMA || op == UnaryOp.TRIGAMMA;
      double rtol = dtype == DType.FLOAT64 && special ? 1e-12 : rtol(dtype);
      double atol = dtype == DType.FLOAT64 && special ? 1e-12 : atol(dtype);
      Buffer x = make(in, Shape.of(in.length), dtype);
      assertBuffer(track(kernels().unary(op, x)), Shape.of(in.length), dtype, expected, rtol, atol, op + " " + dtype);
      assertBuffer(x, Shape.of(in.length), dtype, in, 0, 0, op + " leaves its input unchanged");
      Buffer matrix = make(tile(in, 3), Shape.of(3, in.length), dtype);
      assertBuffer(track(kernels().unary(op, matrix)), Shape.of(3, in.length), dtype, tile(expected, 3), rtol,
          atol, op + " " + dtype + " on a matrix");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void sigmoidAndSoftplusAreAccurateInTheTails(DType dtype) {
      assumeSupported(dtype);
      Buffer x = make(new double[] {-1000, -100, 100, 1000}, Shape.of(4), dtype);
      double[] s = kernels().toDoubles(track(kernels().unary(UnaryOp.SIGMOID, x)));
      double[] p = kernels().toDoubles(track(kernels().unary(UnaryOp.SOFTPLUS, x)));
      double tiny = Math.exp(-100);
      double relTail = dtype == DType.FLOAT64 ? 1e-13 : 0.05;
      assertThat(s[0]).as("sigmoid(-1000)").isEqualTo(0.0);
      assertThat(Math.abs(s[1] - tiny)).as("sigmoid(-100) vs e^-100").isLessThanOrEqualTo(relTail * tiny);
      assertThat(s[2]).as("sigmoid(100)").isEqualTo(1.0);
      assertThat(s[3]).as("sigmoid(1000)").isEqualTo(1.0);
      assertThat(p[0]).as("softplus(-1000)").isEqualTo(0.0);
      assertThat(Math.abs(p[1] - tiny)).as("softplus(-100) vs e^-100").isLessThanOrEqualTo(relTail * tiny);
      assertThat(p[2]).as("softplus(100)").isEqualTo(100.0);
      assertThat(p[3]).as("softplus(1000)").isEqualTo(1000.0);
    }

    @Test
    void keepsEmptyAndScalarShapes() {
      Buffer empty = make(new double[0], Shape.of(0, 3), DType.FLOAT32);
      assertBuffer(track(kernels().unary(UnaryOp.EXP, empty)), Shape.of(0, 3), DType.FLOAT32, new double[0], "empty");
      Buffer scalar = make(new double[] {2}, Shape.scalar(), DType.FLOAT32);
      assertBuffer(track(kernels().unary(UnaryOp.SQUARE, scalar)), Shape.scalar(), DType.FLOAT32,
          new double[] {4}, "scalar");
    }
  }

  static double[] tile(double[] v, int times) {
    double[] r = new double[v.length * times];
    for (int t = 0; t < times; t++) {
      System.arraycopy(v, 0, r, t * v.length, v.length);
    }
    return r;
  }

  @Nested
  class Binary {
    private final Shape[][] cases = {
        {Shape.of(2, 3), Shape.of(2, 3)},
        {Shape.of(3, 1), Shape.of(1, 4)},
        {Shape.scalar(), Shape.of(2, 3)},
        {Shape.of(2, 3, 4), Shape.of(4)},
        {Shape.of(5, 1, 3), Shape.of(4, 1)},
        {Shape.of(2, 1, 3, 1), Shape.of(1, 3)},
        {Shape.of(4), Shape.scalar()},
        {Shape.of(0, 3), Shape.of(3)},
        {Shape.of(3, 5, 4, 4), Shape.of(1, 5, 1, 1)}, // a bias over channels: short runs in a repeated block
        {Shape.of(3, 9, 10), Shape.of(9, 1)},
        {Shape.of(91, 30, 7, 7), Shape.of(30, 1, 1)}, // large enough for parallel ranges that start mid-block
    };

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void float32(BinaryOp op) {
      check(op, DType.FLOAT32);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void float64(BinaryOp op) {
      assumeSupported(DType.FLOAT64);
      check(op, DType.FLOAT64);
    }

    private static final Set<BinaryOp> INT32_OPS = EnumSet.of(BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL,
        BinaryOp.EQ, BinaryOp.NE, BinaryOp.LT, BinaryOp.LE, BinaryOp.GT, BinaryOp.GE);

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void int32(BinaryOp op) {
      assumeTrue(INT32_OPS.contains(op), "BinaryOp javadoc: INT32 only for ADD, SUB, MUL and comparisons");
      check(op, DType.INT32);
    }

    private void check(BinaryOp op, DType dtype) {
      References.BinaryRef ref = References.BINARY.get(op);
      if (ref == null) {
        fail("BinaryOp." + op + " has no reference in References.BINARY: add one");
      }
      long seed = 17L * op.ordinal();
      for (Shape[] c : cases) {
        int na = c[0].sizeAsInt();
        int nb = c[1].sizeAsInt();
        double[] a = ref.positiveLeft() ? uniform(na, seed, 0.25, 3) : integers(na, seed, -3, 3);
        double[] b = ref.nonZeroRight() ? nonZero(integers(nb, seed + 1, -3, 3)) : integers(nb, seed + 1, -3, 3);
        if (dtype != DType.INT32 && !ref.positiveLeft()) {
          a = halves(a);
        }
        a = rounded(a, dtype);
        b = rounded(b, dtype);
        Shape out = Shape.broadcast("test", c[0], c[1]);
        double[] expected = References.broadcast(a, c[0], b, c[1], out, ref.f());
        if (dtype != DType.INT32 && op == BinaryOp.POW) {
          expected = rounded(expected, dtype);
        }
        String what = op + " " + dtype + " " + c[0] + " with " + c[1];
        Buffer x = make(a, c[0], dtype);
        Buffer y = make(b, c[1], dtype);
        assertBuffer(track(kernels().binary(op, x, y)), out, dtype, expected, rtol(dtype), atol(dtype), what);
        assertBuffer(track(kernels().binary(op, y, x)), out, dtype,
            References.broadcast(b, c[1], a, c[0], out, ref.f()), what + " (swapped)");
      }
    }

    private double[] nonZero(double[] v) {
      for (int i = 0; i < v.length; i++) {
        v[i] = v[i] == 0 ? 2 : v[i];
      }
      return v;
    }

    private double[] halves(double[] v) {
      for (int i = 0; i < v.length; i += 3) {
        v[i] += 0.5;
      }
      return v;
    }

    @Test
    void worksOnPermutedAndSlicedResults() {
      double[] v = uniform(24, 3, -1, 1);
      Buffer x = make(v, Shape.of(2, 3, 4), DType.FLOAT32);
      Buffer t = track(kernels().permute(x, new int[] {2, 0, 1}));
      Buffer s = track(kernels().slice(t, new int[] {1, 0, 1}, new int[] {3, 2, 3}));
      Buffer sum = track(kernels().binary(BinaryOp.ADD, s, s));
      double[] expected = new double[8];
      int i = 0;
      for (int d2 = 1; d2 < 3; d2++) {
        for (int d0 = 0; d0 < 2; d0++) {
          for (int d1 = 1; d1 < 3; d1++) {
            expected[i++] = 2 * (double) (float) v[(d0 * 3 + d1) * 4 + d2];
          }
        }
      }
      assertBuffer(sum, Shape.of(2, 2, 2), DType.FLOAT32, expected, "slice of permute, doubled");
    }
  }
}
