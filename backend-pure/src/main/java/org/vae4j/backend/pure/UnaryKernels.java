package org.vae4j.backend.pure;

import org.vae4j.api.spi.UnaryOp;

/**
 * Elementwise {@link UnaryOp}s on contiguous float and double arrays over an index range; one loop per
 * constant so that each inlines. Stateless and thread-safe.
 */
final class UnaryKernels {
  private UnaryKernels() {
  }

  static void apply(UnaryOp op, float[] x, float[] y, int from, int to) {
    switch (op) {
      case NEG -> { for (int i = from; i < to; i++) { y[i] = -x[i]; } }
      case EXP -> { for (int i = from; i < to; i++) { y[i] = (float) Math.exp(x[i]); } }
      case LOG -> { for (int i = from; i < to; i++) { y[i] = (float) Math.log(x[i]); } }
      case LOG1P -> { for (int i = from; i < to; i++) { y[i] = (float) Math.log1p(x[i]); } }
      case EXPM1 -> { for (int i = from; i < to; i++) { y[i] = (float) Math.expm1(x[i]); } }
      case SQRT -> { for (int i = from; i < to; i++) { y[i] = (float) Math.sqrt(x[i]); } }
      case SQUARE -> { for (int i = from; i < to; i++) { y[i] = x[i] * x[i]; } }
      case RECIPROCAL -> { for (int i = from; i < to; i++) { y[i] = 1f / x[i]; } }
      case ABS -> { for (int i = from; i < to; i++) { y[i] = Math.abs(x[i]); } }
      case SIGN -> { for (int i = from; i < to; i++) { y[i] = Math.signum(x[i]); } }
      case FLOOR -> { for (int i = from; i < to; i++) { y[i] = (float) Math.floor(x[i]); } }
      case RELU -> { for (int i = from; i < to; i++) { y[i] = Math.max(x[i], 0f); } }
      case SIGMOID -> { for (int i = from; i < to; i++) { y[i] = SpecialFunctions.sigmoid(x[i]); } }
      case TANH -> { for (int i = from; i < to; i++) { y[i] = (float) Math.tanh(x[i]); } }
      case SOFTPLUS -> { for (int i = from; i < to; i++) { y[i] = SpecialFunctions.softplus(x[i]); } }
      case LGAMMA -> { for (int i = from; i < to; i++) { y[i] = (float) SpecialFunctions.lgamma(x[i]); } }
      case DIGAMMA -> { for (int i = from; i < to; i++) { y[i] = (float) SpecialFunctions.digamma(x[i]); } }
      case TRIGAMMA -> { for (int i = from; i < to; i++) { y[i] = (float) SpecialFunctions.trigamma(x[i]); } }
      case ERF -> { for (int i = from; i < to; i++) { y[i] = (float) SpecialFunctions.erf(x[i]); } }
      default -> throw new UnsupportedOperationException("pure backend: unary " + op + " is not implemented");
    }
  }

  static void apply(UnaryOp op, double[] x, double[] y, int from, int to) {
    switch (op) {
      case NEG -> { for (int i = from; i < to; i++) { y[i] = -x[i]; } }
      case EXP -> { for (int i = from; i < to; i++) { y[i] = Math.exp(x[i]); } }
      case LOG -> { for (int i = from; i < to; i++) { y[i] = Math.log(x[i]); } }
      case LOG1P -> { for (int i = from; i < to; i++) { y[i] = Math.log1p(x[i]); } }
      case EXPM1 -> { for (int i = from; i < to; i++) { y[i] = Math.expm1(x[i]); } }
      case SQRT -> { for (int i = from; i < to; i++) { y[i] = Math.sqrt(x[i]); } }
      case SQUARE -> { for (int i = from; i < to; i++) { y[i] = x[i] * x[i]; } }
      case RECIPROCAL -> { for (int i = from; i < to; i++) { y[i] = 1 / x[i]; } }
      case ABS -> { for (int i = from; i < to; i++) { y[i] = Math.abs(x[i]); } }
      case SIGN -> { for (int i = from; i < to; i++) { y[i] = Math.signum(x[i]); } }
      case FLOOR -> { for (int i = from; i < to; i++) { y[i] = Math.floor(x[i]); } }
      case RELU -> { for (int i = from; i < to; i++) { y[i] = Math.max(x[i], 0.0); } }
      case SIGMOID -> { for (int i = from; i < to; i++) { y[i] = SpecialFunctions.sigmoid(x[i]); } }
      case TANH -> { for (int i = from; i < to; i++) { y[i] = Math.tanh(x[i]); } }
      case SOFTPLUS -> { for (int i = from; i < to; i++) { y[i] = SpecialFunctions.softplus(x[i]); } }
      case LGAMMA -> { for (int i = from; i < to; i++) { y[i] = SpecialFunctions.lgamma(x[i]); } }
      case DIGAMMA -> { for (int i = from; i < to; i++) { y[i] = SpecialFunctions.digamma(x[i]); } }
      case TRIGAMMA -> { for (int i = from; i < to; i++) { y[i] = SpecialFunctions.trigamma(x[i]); } }
      case ERF -> { for (int i = from; i < to; i++) { y[i] = SpecialFunctions.erf(x[i]); } }
      default -> throw new UnsupportedOperationException("pure backend: unary " + op + " is not implemented");
    }
  }
}
