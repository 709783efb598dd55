package org.vae4j.backend.pure;

import org.vae4j.api.spi.UnaryOp;

/**
 * Elementwise {@link UnaryOp}s on contiguous float and double arrays over an index range: one loop per
 * constant so that each inlines, chosen by an exhaustive switch (a new constant without a loop here does
 * not compile). Stateless and thread-safe.
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

  static FloatLoop float32(UnaryOp op) {
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
        for (int i = from; i < to; i++) { y[i] = SpecialFunctions.sigmoid(x[i]); } };
      case TANH -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) Math.tanh(x[i]); } };
      case SOFTPLUS -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = SpecialFunctions.softplus(x[i]); } };
      case LGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) SpecialFunctions.lgamma(x[i]); } };
      case DIGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) SpecialFunctions.digamma(x[i]); } };
      case TRIGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) SpecialFunctions.trigamma(x[i]); } };
      case ERF -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = (float) SpecialFunctions.erf(x[i]); } };
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
        for (int i = from; i < to; i++) { y[i] = SpecialFunctions.sigmoid(x[i]); } };
      case TANH -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = Math.tanh(x[i]); } };
      case SOFTPLUS -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = SpecialFunctions.softplus(x[i]); } };
      case LGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = SpecialFunctions.lgamma(x[i]); } };
      case DIGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = SpecialFunctions.digamma(x[i]); } };
      case TRIGAMMA -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = SpecialFunctions.trigamma(x[i]); } };
      case ERF -> (x, y, from, to) -> {
        for (int i = from; i < to; i++) { y[i] = SpecialFunctions.erf(x[i]); } };
    };
  }
}
