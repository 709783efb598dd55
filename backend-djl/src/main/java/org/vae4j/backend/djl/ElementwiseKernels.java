package org.vae4j.backend.djl;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * Unary, binary (with libtorch's NumPy broadcasting) and select kernels. Ops libtorch's JNI lacks (LOG1P,
 * EXPM1, DIGAMMA, TRIGAMMA) or implements with a cut-off (SIGMOID, SOFTPLUS) come from {@link SpecialFunctions}. Thread-safe.
 */
final class ElementwiseKernels {
  private final TorchContext ctx;
  private final SpecialFunctions special;

  ElementwiseKernels(TorchContext ctx) {
    this.ctx = ctx;
    this.special = new SpecialFunctions(ctx);
  }

  PtNDArray unary(UnaryOp op, PtNDArray x) {
    if (!x.getDataType().isFloating()) {
      throw new IllegalArgumentException("unary " + op + ": input is " + x.getDataType()
          + "; unary ops take FLOAT32 or FLOAT64 (cast first)");
    }
    return switch (op) {
      case NEG -> JniUtils.neg(x);
      case EXP -> JniUtils.exp(x);
      case LOG -> JniUtils.log(x);
      case LOG1P -> special.log1p(x);
      case EXPM1 -> special.expm1(x);
      case SQRT -> JniUtils.sqrt(x);
      case SQUARE -> JniUtils.square(x);
      case RECIPROCAL -> reciprocal(x);
      case ABS -> JniUtils.abs(x);
      case SIGN -> JniUtils.sign(x);
      case FLOOR -> JniUtils.floor(x);
      case RELU -> JniUtils.relu(x);
      case SIGMOID -> special.sigmoid(x);
      case TANH -> JniUtils.tanh(x);
      case SOFTPLUS -> special.softplus(x);
      case LGAMMA -> JniUtils.gammaln(x);
      case DIGAMMA -> special.digamma(x);
      case TRIGAMMA -> special.trigamma(x);
      case ERF -> JniUtils.erf(x);
    };
  }

  PtNDArray binary(BinaryOp op, PtNDArray a, PtNDArray b) {
    DataType type = a.getDataType();
    if (!type.isFloating() && !BinaryOp.ACCEPTS_INT32.contains(op)) {
      throw new IllegalArgumentException("binary " + op + ": operands are " + type + "; " + op
          + " takes FLOAT32 or FLOAT64 (INT32 only for " + BinaryOp.ACCEPTS_INT32 + ")");
    }
    return switch (op) {
      case ADD -> JniUtils.add(a, b);
      case SUB -> JniUtils.sub(a, b);
      case MUL -> JniUtils.mul(a, b);
      case DIV -> JniUtils.div(a, b);
      case POW -> JniUtils.pow(a, b);
      case MAX -> JniUtils.max(a, b);
      case MIN -> JniUtils.min(a, b);
      case EQ -> inType(JniUtils.eq(a, b), type);
      case NE -> inType(JniUtils.neq(a, b), type);
      case LT -> inType(JniUtils.lt(a, b), type);
      case LE -> inType(JniUtils.lte(a, b), type);
      case GT -> inType(JniUtils.gt(a, b), type);
      case GE -> inType(JniUtils.gte(a, b), type);
    };
  }

  PtNDArray where(PtNDArray condition, PtNDArray ifTrue, PtNDArray ifFalse) {
    try (Scratch s = new Scratch()) {
      PtNDArray zero = s.keep(ctx.scalar(0, condition.getDataType()));
      PtNDArray mask = s.keep(JniUtils.neq(condition, zero));
      return JniUtils.where(mask, ifTrue, ifFalse);
    }
  }

  /** A comparison's boolean mask as 1 and 0 of the operands' type; closes the mask. */
  private PtNDArray inType(PtNDArray mask, DataType type) {
    try {
      return ctx.cast(mask, type);
    } finally {
      mask.close();
    }
  }

  private PtNDArray reciprocal(PtNDArray x) {
    try (PtNDArray one = ctx.scalar(1, x.getDataType())) {
      return JniUtils.div(one, x);
    }
  }
}
