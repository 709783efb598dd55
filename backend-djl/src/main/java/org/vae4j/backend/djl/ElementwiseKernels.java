package org.vae4j.backend.djl;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
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
      case NEG -> LibTorch.neg(x);
      case EXP -> LibTorch.exp(x);
      case LOG -> LibTorch.log(x);
      case LOG1P -> special.log1p(x);
      case EXPM1 -> special.expm1(x);
      case SQRT -> LibTorch.sqrt(x);
      case SQUARE -> LibTorch.square(x);
      case RECIPROCAL -> reciprocal(x);
      case ABS -> LibTorch.abs(x);
      case SIGN -> LibTorch.sign(x);
      case FLOOR -> LibTorch.floor(x);
      case RELU -> LibTorch.relu(x);
      case SIGMOID -> special.sigmoid(x);
      case TANH -> LibTorch.tanh(x);
      case SOFTPLUS -> special.softplus(x);
      case LGAMMA -> LibTorch.gammaln(x);
      case DIGAMMA -> special.digamma(x);
      case TRIGAMMA -> special.trigamma(x);
      case ERF -> LibTorch.erf(x);
    };
  }

  PtNDArray binary(BinaryOp op, PtNDArray a, PtNDArray b) {
    DataType type = a.getDataType();
    if (!type.isFloating() && !BinaryOp.ACCEPTS_INT32.contains(op)) {
      throw new IllegalArgumentException("binary " + op + ": operands are " + type + "; " + op
          + " takes FLOAT32 or FLOAT64 (INT32 only for " + BinaryOp.ACCEPTS_INT32 + ")");
    }
    return switch (op) {
      case ADD -> LibTorch.add(a, b);
      case SUB -> LibTorch.sub(a, b);
      case MUL -> LibTorch.mul(a, b);
      case DIV -> LibTorch.div(a, b);
      case POW -> LibTorch.pow(a, b);
      case MAX -> LibTorch.max(a, b);
      case MIN -> LibTorch.min(a, b);
      case EQ -> inType(LibTorch.eq(a, b), type);
      case NE -> inType(LibTorch.neq(a, b), type);
      case LT -> inType(LibTorch.lt(a, b), type);
      case LE -> inType(LibTorch.lte(a, b), type);
      case GT -> inType(LibTorch.gt(a, b), type);
      case GE -> inType(LibTorch.gte(a, b), type);
    };
  }

  PtNDArray where(PtNDArray condition, PtNDArray ifTrue, PtNDArray ifFalse) {
    try (Scratch s = new Scratch()) {
      PtNDArray zero = s.keep(ctx.scalar(0, condition.getDataType()));
      PtNDArray mask = s.keep(LibTorch.neq(condition, zero));
      return LibTorch.where(mask, ifTrue, ifFalse);
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
      return LibTorch.div(one, x);
    }
  }
}
