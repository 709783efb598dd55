package org.vae4j.core.contract;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * Reference definitions of every {@link UnaryOp} and {@link BinaryOp} in plain Java double arithmetic,
 * with the inputs each is checked at, and a reference broadcasting loop. Schema of the unary table:
 * constant, reference function, points inside the op's domain. A constant missing from a table makes
 * its contract test fail.
 */
final class References {
  private References() {
  }

  /** A reference function and the points it is checked at. */
  record UnaryRef(DoubleUnaryOperator f, double[] inputs) {
  }

  /** A reference function and whether the left operand must be positive (POW) or the right nonzero. */
  record BinaryRef(DoubleBinaryOperator f, boolean positiveLeft, boolean nonZeroRight) {
  }

  private static final double[] ANY = {-3.5, -1, -0.25, 0, 0.3, 1, 2.75, 7.5};
  private static final double[] POSITIVE = {1e-3, 0.1, 0.5, 1, 2.5, 10, 1e3};
  private static final double[] NONZERO = {-4, -0.5, 0.1, 1, 3, 1e3};
  private static final double[] TAILS = {-1000, -100, -20, -3.5, -0.25, 0, 0.3, 2.75, 20, 100, 1000};
  private static final double[] GAMMA = {0.01, 0.3, 0.5, 1, 1.5, 2, 3.7, 10, 100.5, -0.5, -2.3};

  static final Map<UnaryOp, UnaryRef> UNARY = new EnumMap<>(UnaryOp.class);
  static final Map<BinaryOp, BinaryRef> BINARY = new EnumMap<>(BinaryOp.class);

  static {
    // constant            reference                                   inputs
    UNARY.put(UnaryOp.NEG, new UnaryRef(x -> -x, ANY));
    UNARY.put(UnaryOp.EXP, new UnaryRef(Math::exp, ANY));
    UNARY.put(UnaryOp.LOG, new UnaryRef(Math::log, POSITIVE));
    UNARY.put(UnaryOp.LOG1P, new UnaryRef(Math::log1p, new double[] {-0.5, -1e-8, 0, 1e-9, 0.5, 3, 1e3}));
    UNARY.put(UnaryOp.EXPM1, new UnaryRef(Math::expm1, new double[] {-2, -1e-8, 0, 1e-9, 0.7, 5}));
    UNARY.put(UnaryOp.SQRT, new UnaryRef(Math::sqrt, POSITIVE));
    UNARY.put(UnaryOp.SQUARE, new UnaryRef(x -> x * x, ANY));
    UNARY.put(UnaryOp.RECIPROCAL, new UnaryRef(x -> 1 / x, NONZERO));
    UNARY.put(UnaryOp.ABS, new UnaryRef(Math::abs, ANY));
    UNARY.put(UnaryOp.SIGN, new UnaryRef(Math::signum, ANY));
    UNARY.put(UnaryOp.FLOOR, new UnaryRef(Math::floor, ANY));
    UNARY.put(UnaryOp.RELU, new UnaryRef(x -> x > 0 ? x : 0, ANY));
    UNARY.put(UnaryOp.SIGMOID, new UnaryRef(ReferenceMath::sigmoid, TAILS));
    UNARY.put(UnaryOp.TANH, new UnaryRef(Math::tanh, TAILS));
    UNARY.put(UnaryOp.SOFTPLUS, new UnaryRef(ReferenceMath::softplus, TAILS));
    UNARY.put(UnaryOp.LGAMMA, new UnaryRef(ReferenceMath::lgamma, GAMMA));
    UNARY.put(UnaryOp.DIGAMMA, new UnaryRef(ReferenceMath::digamma, GAMMA));
    UNARY.put(UnaryOp.TRIGAMMA, new UnaryRef(ReferenceMath::trigamma, GAMMA));
    UNARY.put(UnaryOp.ERF, new UnaryRef(ReferenceMath::erf, new double[] {-7, -3.5, -1, -0.25, -1e-9, 0, 0.3, 1,
        2.75, 5.9, 30}));

    // constant            reference                          positive left, nonzero right
    BINARY.put(BinaryOp.ADD, new BinaryRef((a, b) -> a + b, false, false));
    BINARY.put(BinaryOp.SUB, new BinaryRef((a, b) -> a - b, false, false));
    BINARY.put(BinaryOp.MUL, new BinaryRef((a, b) -> a * b, false, false));
    BINARY.put(BinaryOp.DIV, new BinaryRef((a, b) -> a / b, false, true));
    BINARY.put(BinaryOp.POW, new BinaryRef(Math::pow, true, false));
    BINARY.put(BinaryOp.MAX, new BinaryRef(Math::max, false, false));
    BINARY.put(BinaryOp.MIN, new BinaryRef(Math::min, false, false));
    BINARY.put(BinaryOp.EQ, new BinaryRef((a, b) -> a == b ? 1 : 0, false, false));
    BINARY.put(BinaryOp.NE, new BinaryRef((a, b) -> a != b ? 1 : 0, false, false));
    BINARY.put(BinaryOp.LT, new BinaryRef((a, b) -> a < b ? 1 : 0, false, false));
    BINARY.put(BinaryOp.LE, new BinaryRef((a, b) -> a <= b ? 1 : 0, false, false));
    BINARY.put(BinaryOp.GT, new BinaryRef((a, b) -> a > b ? 1 : 0, false, false));
    BINARY.put(BinaryOp.GE, new BinaryRef((a, b) -> a >= b ? 1 : 0, false, false));
  }

  /** Element {@code index} of the broadcast result, read from an operand of {@code shape}. */
  static double at(double[] values, Shape shape, int[] index) {
    int off = index.length - shape.rank();
    int pos = 0;
    for (int a = 0; a < shape.rank(); a++) {
      int i = shape.dim(a) == 1 ? 0 : index[a + off];
      pos = pos * shape.dim(a) + i;
    }
    return values[pos];
  }

  /** Row-major multi-index of flat position {@code flat} in {@code shape}. */
  static int[] index(Shape shape, int flat) {
    int[] idx = new int[shape.rank()];
    for (int a = shape.rank() - 1; a >= 0; a--) {
      idx[a] = flat % shape.dim(a);
      flat /= shape.dim(a);
    }
    return idx;
  }

  /** {@code f(a, b)} broadcast to {@code out}, element by element. */
  static double[] broadcast(double[] a, Shape as, double[] b, Shape bs, Shape out, DoubleBinaryOperator f) {
    double[] r = new double[out.sizeAsInt()];
    for (int i = 0; i < r.length; i++) {
      int[] idx = index(out, i);
      r[i] = f.applyAsDouble(at(a, as, idx), at(b, bs, idx));
    }
    return r;
  }
}
