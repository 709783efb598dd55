package org.vae4j.backend.pure;

import org.vae4j.api.spi.UnaryOp;

/**
 * Elementwise {@link UnaryOp}s on contiguous float and double arrays over an index range: one loop per
 * constant so that each inlines, chosen by an exhaustive switch (a new constant without a loop here does
 * not compile). FLOAT32 ops take the {@link VectorLoops} loop where one exists. Stateless and thread-safe.
 */
final class UnaryKernels {
  private UnaryKernels() {
  }

  /** {@code y[i] = op(x[i])} for {@code from <= i < to}. */
  @FunctionalInterface
  interface FloatLoop {
    void run(float[] x, float[] y, int from, int to);
  }

  /** {@code y[i] = op(x[i])} for {@code from <= i < to}. */
  @FunctionalInterface
  interface DoubleLoop {
    void run(double[] x, double[] y, int from, int to);
  }

  /** The loop of {@code op}: the {@link VectorLoops} one where there is one, else the scalar one. */
  static FloatLoop float32(UnaryOp op) {
    VectorLoops vector = VectorLoops.get();
    FloatLoop loop = vector == null ? null : vector.unary(op);
    return loop != null ? loop : scalarFloat32(op);
  }

  /** The scalar loop of {@code op}. */
  static FloatLoop scalarFloat32(UnaryOp op) {
    return switch (op) {
      case NEG -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = -x[i]; } };
      case EXP -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) Math.exp(x[i]); } };
      case LOG -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) Math.log(x[i]); } };
      case LOG1P -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) Math.log1p(x[i]); } };
      case EXPM1 -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) Math.expm1(x[i]); } };
      case SQRT -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) Math.sqrt(x[i]); } };
      case SQUARE -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = x[i] * x[i]; } };
      case RECIPROCAL -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = 1f / x[i]; } };
      case ABS -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.abs(x[i]); } };
      case SIGN -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.signum(x[i]); } };
      case FLOOR -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) Math.floor(x[i]); } };
      case RELU -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.max(x[i], 0f); } };
      case SIGMOID -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = PureSpecialFunctions.sigmoid(x[i]); } };
      case TANH -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) Math.tanh(x[i]); } };
      case SOFTPLUS -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = PureSpecialFunctions.softplus(x[i]); } };
      case LGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) PureSpecialFunctions.lgamma(x[i]); } };
      case DIGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) PureSpecialFunctions.digamma(x[i]); } };
      case TRIGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) PureSpecialFunctions.trigamma(x[i]); } };
      case ERF -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) PureSpecialFunctions.erf(x[i]); } };
    };
  }

  static DoubleLoop float64(UnaryOp op) {
    return switch (op) {
      case NEG -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = -x[i]; } };
      case EXP -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.exp(x[i]); } };
      case LOG -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.log(x[i]); } };
      case LOG1P -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.log1p(x[i]); } };
      case EXPM1 -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.expm1(x[i]); } };
      case SQRT -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.sqrt(x[i]); } };
      case SQUARE -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = x[i] * x[i]; } };
      case RECIPROCAL -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = 1 / x[i]; } };
      case ABS -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.abs(x[i]); } };
      case SIGN -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.signum(x[i]); } };
      case FLOOR -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.floor(x[i]); } };
      case RELU -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.max(x[i], 0.0); } };
      case SIGMOID -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = PureSpecialFunctions.sigmoid(x[i]); } };
      case TANH -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.tanh(x[i]); } };
      case SOFTPLUS -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = PureSpecialFunctions.softplus(x[i]); } };
      case LGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = PureSpecialFunctions.lgamma(x[i]); } };
      case DIGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = PureSpecialFunctions.digamma(x[i]); } };
      case TRIGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = PureSpecialFunctions.trigamma(x[i]); } };
      case ERF -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = PureSpecialFunctions.erf(x[i]); } };
    };
  }
}
