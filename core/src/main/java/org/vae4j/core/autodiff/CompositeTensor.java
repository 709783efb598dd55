package org.vae4j.core.autodiff;

import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.ReduceOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * The parts of {@link Tensor} written once from primitives: named elementwise ops, scalar arithmetic,
 * means, log-sum-exp, softmax and axis helpers. Subclasses supply the primitives.
 */
public abstract class CompositeTensor implements Tensor {

  protected abstract Tensor unary(UnaryOp op);

  protected abstract Tensor binary(BinaryOp op, Tensor other);

  protected abstract Tensor reduce(ReduceOp op, int[] axes, boolean keepDims);

  /** Elements {@code begin[i] <= j < end[i]} on each axis. */
  protected abstract Tensor slice(int[] begin, int[] end);

  private Tensor scalarLike(double value) {
    return factory().scalar(value, dtype());
  }

  // ---- binary -----------------------------------------------------------------------------------------------

  @Override
  public Tensor add(Tensor other) {
    return binary(BinaryOp.ADD, other);
  }

  @Override
  public Tensor sub(Tensor other) {
    return binary(BinaryOp.SUB, other);
  }

  @Override
  public Tensor mul(Tensor other) {
    return binary(BinaryOp.MUL, other);
  }

  @Override
  public Tensor div(Tensor other) {
    return binary(BinaryOp.DIV, other);
  }

  @Override
  public Tensor pow(Tensor exponent) {
    return binary(BinaryOp.POW, exponent);
  }

  @Override
  public Tensor maximum(Tensor other) {
    return binary(BinaryOp.MAX, other);
  }

  @Override
  public Tensor minimum(Tensor other) {
    return binary(BinaryOp.MIN, other);
  }

  @Override
  public Tensor add(double scalar) {
    return add(scalarLike(scalar));
  }

  @Override
  public Tensor sub(double scalar) {
    return sub(scalarLike(scalar));
  }

  @Override
  public Tensor mul(double scalar) {
    return mul(scalarLike(scalar));
  }

  @Override
  public Tensor div(double scalar) {
    return div(scalarLike(scalar));
  }

  @Override
  public Tensor pow(double exponent) {
    if (exponent == 2.0) {
      return square();
    }
    if (exponent == 1.0) {
      return reshape(shape());
    }
    return pow(scalarLike(exponent));
  }

  @Override
  public Tensor rsub(double scalar) {
    return scalarLike(scalar).sub(this);
  }

  @Override
  public Tensor rdiv(double scalar) {
    return scalarLike(scalar).div(this);
  }

  @Override
  public Tensor eq(Tensor other) {
    return binary(BinaryOp.EQ, other);
  }

  @Override
  public Tensor ne(Tensor other) {
    return binary(BinaryOp.NE, other);
  }

  @Override
  public Tensor lt(Tensor other) {
    return binary(BinaryOp.LT, other);
  }

  @Override
  public Tensor le(Tensor other) {
    return binary(BinaryOp.LE, other);
  }

  @Override
  public Tensor gt(Tensor other) {
    return binary(BinaryOp.GT, other);
  }

  @Override
  public Tensor ge(Tensor other) {
    return binary(BinaryOp.GE, other);
  }

  // ---- unary ------------------------------------------------------------------------------------------------

  @Override
  public Tensor neg() {
    return unary(UnaryOp.NEG);
  }

  @Override
  public Tensor exp() {
    return unary(UnaryOp.EXP);
  }

  @Override
  public Tensor log() {
    return unary(UnaryOp.LOG);
  }

  @Override
  public Tensor log1p() {
    return unary(UnaryOp.LOG1P);
  }

  @Override
  public Tensor expm1() {
    return unary(UnaryOp.EXPM1);
  }

  @Override
  public Tensor sqrt() {
    return unary(UnaryOp.SQRT);
  }

  @Override
  public Tensor square() {
    return unary(UnaryOp.SQUARE);
  }

  @Override
  public Tensor reciprocal() {
    return unary(UnaryOp.RECIPROCAL);
  }

  @Override
  public Tensor abs() {
    return unary(UnaryOp.ABS);
  }

  @Override
  public Tensor sign() {
    return unary(UnaryOp.SIGN);
  }

  @Override
  public Tensor floor() {
    return unary(UnaryOp.FLOOR);
  }

  @Override
  public Tensor relu() {
    return unary(UnaryOp.RELU);
  }

  @Override
  public Tensor sigmoid() {
    return unary(UnaryOp.SIGMOID);
  }

  @Override
  public Tensor tanh() {
    return unary(UnaryOp.TANH);
  }

  @Override
  public Tensor softplus() {
    return unary(UnaryOp.SOFTPLUS);
  }

  @Override
  public Tensor lgamma() {
    return unary(UnaryOp.LGAMMA);
  }

  @Override
  public Tensor digamma() {
    return unary(UnaryOp.DIGAMMA);
  }

  @Override
  public Tensor trigamma() {
    return unary(UnaryOp.TRIGAMMA);
  }

  @Override
  public Tensor erf() {
    return unary(UnaryOp.ERF);
  }

  // ---- reductions -------------------------------------------------------------------------------------------

  private int[] allAxes() {
    int[] axes = new int[rank()];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    return axes;
  }

  @Override
  public Tensor sum() {
    return reduce(ReduceOp.SUM, allAxes(), false);
  }

  @Override
  public Tensor sum(int[] axes, boolean keepDims) {
    return reduce(ReduceOp.SUM, axes, keepDims);
  }

  @Override
  public Tensor mean() {
    return mean(allAxes(), false);
  }

  @Override
  public Tensor mean(int[] axes, boolean keepDims) {
    long count = 1;
    for (int ax : axes) {
      count *= dim(ax);
    }
    return reduce(ReduceOp.SUM, axes, keepDims).div((double) count);
  }

  @Override
  public Tensor max(int[] axes, boolean keepDims) {
    return reduce(ReduceOp.MAX, axes, keepDims);
  }

  @Override
  public Tensor min(int[] axes, boolean keepDims) {
    return reduce(ReduceOp.MIN, axes, keepDims);
  }

  @Override
  public Tensor max() {
    return reduce(ReduceOp.MAX, allAxes(), false);
  }

  @Override
  public Tensor min() {
    return reduce(ReduceOp.MIN, allAxes(), false);
  }

  @Override
  public Tensor logSumExp(int axis, boolean keepDims) {
    int[] ax = {axis};
    Tensor shift = max(ax, true).detach();
    Tensor lse = sub(shift).exp().sum(ax, true).log().add(shift);
    return keepDims ? lse : lse.squeeze(axis);
  }

  @Override
  public Tensor softmax(int axis) {
    return logSoftmax(axis).exp();
  }

  /**
   * {@code x - logSumExp(x)} along {@code axis}: one fused node along the last axis of a floating tensor on a
   * backend announcing {@link Capability#FUSED_LOG_SOFTMAX}, else the composition.
   */
  @Override
  public Tensor logSoftmax(int axis) {
    TapeTensor t = TapeTensor.of(this);
    if (t.rank() > 0 && (axis == -1 || axis == t.rank() - 1) && t.dtype().isFloatingPoint()
        && t.kernels().capabilities().contains(Capability.FUSED_LOG_SOFTMAX)) {
      return FusedPrimitives.logSoftmax(t);
    }
    return sub(logSumExp(axis, true));
  }

  // ---- movement ---------------------------------------------------------------------------------------------

  @Override
  public Tensor reshape(int... dims) {
    int infer = -1;
    long known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException("reshape: only one axis may be -1 in " + java.util.Arrays.toString(dims));
        }
        infer = i;
      } else {
        known *= dims[i];
      }
    }
    int[] d = dims.clone();
    if (infer >= 0) {
      if (known == 0 || size() % known != 0) {
        throw new IllegalArgumentException("reshape: cannot infer axis " + infer + " of "
            + java.util.Arrays.toString(dims) + " from " + shape());
      }
      d[infer] = (int) (size() / known);
    }
    return reshape(Shape.of(d));
  }

  @Override
  public Tensor transpose(int axis1, int axis2) {
    int[] perm = allAxes();
    int a = shape().normalizeAxis(axis1);
    int b = shape().normalizeAxis(axis2);
    perm[a] = b;
    perm[b] = a;
    return permute(perm);
  }

  @Override
  public Tensor slice(int axis, int start, int end) {
    int ax = shape().normalizeAxis(axis);
    int n = dim(ax);
    int s = start < 0 ? start + n : start;
    int e = end < 0 ? end + n : end;
    int[] begin = new int[rank()];
    int[] stop = shape().dims();
    begin[ax] = s;
    stop[ax] = e;
    return slice(begin, stop);
  }

  @Override
  public Tensor unsqueeze(int axis) {
    int ax = axis < 0 ? axis + rank() + 1 : axis;
    if (ax < 0 || ax > rank()) {
      throw new IllegalArgumentException("unsqueeze: axis " + axis + " is out of range for shape " + shape());
    }
    int[] d = shape().dims();
    int[] r = new int[d.length + 1];
    System.arraycopy(d, 0, r, 0, ax);
    r[ax] = 1;
    System.arraycopy(d, ax, r, ax + 1, d.length - ax);
    return reshape(Shape.of(r));
  }

  @Override
  public Tensor squeeze(int axis) {
    int ax = shape().normalizeAxis(axis);
    if (dim(ax) != 1) {
      throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + shape() + " has size "
          + dim(ax) + ", not 1");
    }
    int[] d = shape().dims();
    int[] r = new int[d.length - 1];
    System.arraycopy(d, 0, r, 0, ax);
    System.arraycopy(d, ax + 1, r, ax, d.length - ax - 1);
    return reshape(Shape.of(r));
  }

  @Override
  public Tensor flatten(int startAxis) {
    int ax = startAxis == rank() ? startAxis : shape().normalizeAxis(startAxis);
    return reshape(shape().sub(0, ax).append((int) shape().sub(ax, rank()).size()));
  }

  @Override
  public double item() {
    if (size() != 1) {
      throw new IllegalStateException("item: tensor of shape " + shape() + " has " + size()
          + " elements, not one");
    }
    return toDoubleArray()[0];
  }
}
