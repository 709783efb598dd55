package org.vae4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Floor;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Reciprocal;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * Unary, binary and select ops on native libnd4j kernels. Every method returns a fresh array that the
 * caller owns; inputs are read only. Inputs have at least one element (empty results are made by the
 * caller).
 */
final class Nd4jElementwise {

  private Nd4jElementwise() {
  }

  static INDArray unary(UnaryOp op, INDArray x, Shape shape) {
    INDArray z = Nd4jOps.alloc(x.dataType(), shape);
    try {
      Runnable kernel = switch (op) {
        case NEG -> () -> Nd4jOps.exec("neg", new Negative(x, z));
        case EXP -> () -> Nd4jOps.exec("exp", new Exp(x, z));
        case LOG -> () -> Nd4jOps.exec("log", new Log(x, z));
        case LOG1P -> () -> Nd4jStableMath.log1p(x, z, shape);
        case EXPM1 -> () -> Nd4jStableMath.expm1(x, z, shape);
        case SQRT -> () -> Nd4jOps.exec("sqrt", new Sqrt(x, z));
        case SQUARE -> () -> Nd4jOps.exec("square", new Square(x, z));
        case RECIPROCAL -> () -> Nd4jOps.exec("reciprocal", new Reciprocal(x, z));
        case ABS -> () -> Nd4jOps.exec("abs", new Abs(x, z));
        case SIGN -> () -> Nd4jOps.exec("sign", new Sign(x, z));
        case FLOOR -> () -> Nd4jOps.exec("floor", new Floor(x, z));
        case RELU -> () -> Nd4jOps.exec("relu", new RectifiedLinear(x, z, 0.0));
        case SIGMOID -> () -> Nd4jStableMath.sigmoid(x, z, shape);
        case TANH -> () -> Nd4jOps.exec("tanh", new Tanh(x, z));
        case SOFTPLUS -> () -> Nd4jStableMath.softplus(x, z, shape);
        case LGAMMA -> () -> Nd4jOps.call("lgamma").in(x).out(z).run();
        case DIGAMMA -> () -> Nd4jOps.call("digamma").in(x).out(z).run();
        case TRIGAMMA -> () -> Nd4jStableMath.trigamma(x, z, shape);
        case ERF -> () -> Nd4jOps.exec("erf", new Erf(x, z));
      };
      kernel.run();
      return z;
    } catch (RuntimeException e) {
      z.close();
      throw e;
    }
  }

  /** {@code op(a, b)} with NumPy broadcasting into a fresh array of {@code shape} and a's dtype. */
  static INDArray binary(BinaryOp op, INDArray a, INDArray b, Shape shape) {
    if (!op.isComparison()) {
      INDArray z = Nd4jOps.alloc(a.dataType(), shape);
      try {
        Nd4jOps.call(nativeName(op)).in(a, b).out(z).run();
        return z;
      } catch (RuntimeException e) {
        z.close();
        throw e;
      }
    }
    INDArray flags = Nd4jOps.alloc(DataType.BOOL, shape);
    try {
      Nd4jOps.call(nativeName(op)).in(a, b).out(flags).run();
      return Nd4jOps.convert(flags, a.dataType(), shape);
    } finally {
      flags.close();
    }
  }

  private static String nativeName(BinaryOp op) {
    return switch (op) {
      case ADD -> "add";
      case SUB -> "subtract";
      case MUL -> "multiply";
      case DIV -> "divide";
      case POW -> "Pow";
      case MAX -> "maximum";
      case MIN -> "minimum";
      case EQ -> "equals";
      case NE -> "not_equals";
      case LT -> "less";
      case LE -> "less_equal";
      case GT -> "greater";
      case GE -> "greater_equal";
    };
  }

  /**
   * {@code ifTrue} where {@code condition != 0}, else {@code ifFalse}; operands of other shapes are
   * broadcast to {@code shape} first (into temporaries freed here).
   */
  static INDArray where(INDArray condition, Shape conditionShape, INDArray ifTrue, Shape trueShape,
      INDArray ifFalse, Shape falseShape, Shape shape) {
    INDArray zero = Nd4jOps.zeros(condition.dataType(), Shape.scalar());
    INDArray flags = Nd4jOps.alloc(DataType.BOOL, shape);
    INDArray t = null;
    INDArray f = null;
    try {
      INDArray cond = conditionShape.equals(shape) ? condition : Nd4jMovement.expand(condition, shape);
      try {
        Nd4jOps.call("not_equals").in(cond, zero).out(flags).run();
      } finally {
        if (cond != condition) {
          cond.close();
        }
      }
      t = trueShape.equals(shape) ? ifTrue : Nd4jMovement.expand(ifTrue, shape);
      f = falseShape.equals(shape) ? ifFalse : Nd4jMovement.expand(ifFalse, shape);
      INDArray z = Nd4jOps.alloc(ifTrue.dataType(), shape);
      try {
        Nd4jOps.call("select").in(flags, t, f).out(z).run();
        return z;
      } catch (RuntimeException e) {
        z.close();
        throw e;
      }
    } finally {
      zero.close();
      flags.close();
      if (t != null && t != ifTrue) {
        t.close();
      }
      if (f != null && f != ifFalse) {
        f.close();
      }
    }
  }
}
