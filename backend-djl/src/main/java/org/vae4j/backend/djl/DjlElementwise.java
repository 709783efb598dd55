package org.vae4j.backend.djl;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * Unary, binary (with libtorch's NumPy broadcasting) and select kernels. Ops libtorch's JNI lacks (LOG1P,
 * EXPM1, DIGAMMA, TRIGAMMA) or implements with a cut-off (SIGMOID, SOFTPLUS) come from {@link DjlSpecialFunctions};
 * comparisons go through {@link TorchScriptOps#compare} (1 and 0 written in the operands' dtype in one
 * vectorized pass) where that module loaded, else as a boolean mask and a cast. Thread-safe.
 */
final class DjlElementwise {
  private final TorchContext ctx;
  private final DjlSpecialFunctions special;
  private final Optional<TorchScriptOps> script;

  DjlElementwise(TorchContext ctx, Optional<TorchScriptOps> script) {
    this.ctx = ctx;
    this.special = new DjlSpecialFunctions(ctx);
    this.script = script;
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
      case EQ -> compare(a, b, 0, LibTorch::eq);
      case NE -> compare(a, b, 1, LibTorch::neq);
      case LT -> compare(a, b, 2, LibTorch::lt);
      case LE -> compare(a, b, 3, LibTorch::lte);
      case GT -> compare(a, b, 4, LibTorch::gt);
      case GE -> compare(a, b, 5, LibTorch::gte);
    };
  }

  /**
   * A comparison as 1 and 0 of the operands' type: {@link TorchScriptOps#compare} with its {@code code} where the
   * module loaded, else libtorch's boolean {@code mask} cast.
   */
  private PtNDArray compare(PtNDArray a, PtNDArray b, int code, BinaryOperator<PtNDArray> mask) {
    return script.isPresent() ? script.get().compare(a, b, code) : inType(mask.apply(a, b), a.getDataType());
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
