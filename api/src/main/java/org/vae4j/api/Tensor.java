package org.vae4j.api;

/**
 * An n-dimensional array on one backend and device, with reverse-mode automatic differentiation.
 *
 * <p><b>Values.</b> Tensors are immutable: every operation returns a new tensor. The one exception is
 * {@link #assign}, which optimizers use to update parameters in place.
 *
 * <p><b>Broadcasting.</b> Binary operations follow NumPy's rules: shapes are aligned from the last axis and
 * each pair of sizes must be equal or 1. A mismatch throws {@link IllegalArgumentException} naming the op
 * and both shapes. Both operands must have the same dtype and live on the same backend and device.
 *
 * <p><b>Gradients.</b> A tensor made by an operation on at least one tensor that {@link #requiresGrad()}
 * records that operation; {@link #backward()} on a scalar result accumulates d(result)/d(leaf) into
 * {@link #grad()} of every leaf that requires a gradient. Comparisons, {@code argmax}/{@code argmin},
 * {@code sign}, {@code floor} and integer tensors carry no gradient (their derivative is zero wherever it
 * exists). An op whose derivative vae4j does not implement ({@link #trigamma()}) records itself, and a
 * backward pass that would send a gradient through it throws {@link UnsupportedOperationException} naming
 * the op instead of silently dropping the gradient.
 *
 * <p><b>Memory.</b> A tensor's buffer may live in native or device memory. Each tensor belongs to the
 * scope that was open on its thread when it was made (see {@code org.vae4j.core.Scope}); closing the
 * scope closes it unless it was {@link #keep() kept}. A tensor made outside any scope is owned by the
 * caller, who closes it. Using a closed tensor throws {@link IllegalStateException}.
 *
 * <p><b>Threads.</b> A tensor may be read from several threads, but one computation graph (the tensors
 * linked by recorded operations) must be built and differentiated by one thread at a time.
 */
public interface Tensor extends AutoCloseable {

  // ---- description ------------------------------------------------------------------------------

  /** Axis sizes. */
  Shape shape();

  /** Element type. */
  DType dtype();

  /** Device holding the buffer. */
  Device device();

  /** Name of the backend that computes this tensor ("pure", "nd4j", "djl"). */
  String backendName();

  /** Creates tensors on this tensor's backend and device. */
  TensorFactory factory();

  /** Number of axes. */
  default int rank() {
    return shape().rank();
  }

  /** Number of elements. */
  default long size() {
    return shape().size();
  }

  /** Size of one axis; negative axes count from the end. */
  default int dim(int axis) {
    return shape().dim(axis);
  }

  // ---- elementwise, binary (broadcasting) ----------------------------------------------------------

  Tensor add(Tensor other);

  Tensor sub(Tensor other);

  Tensor mul(Tensor other);

  Tensor div(Tensor other);

  /** {@code this ^ exponent} elementwise; the base must be positive where the exponent is not an integer. */
  Tensor pow(Tensor exponent);

  /** Elementwise maximum; the gradient goes to the larger operand (to {@code this} on ties). */
  Tensor maximum(Tensor other);

  /** Elementwise minimum; the gradient goes to the smaller operand (to {@code this} on ties). */
  Tensor minimum(Tensor other);

  Tensor add(double scalar);

  Tensor sub(double scalar);

  Tensor mul(double scalar);

  Tensor div(double scalar);

  Tensor pow(double exponent);

  /** {@code scalar - this}. */
  Tensor rsub(double scalar);

  /** {@code scalar / this}. */
  Tensor rdiv(double scalar);

  /** 1 where {@code this == other}, else 0, in this tensor's dtype. No gradient. */
  Tensor eq(Tensor other);

  /** 1 where {@code this != other}, else 0. No gradient. */
  Tensor ne(Tensor other);

  /** 1 where {@code this < other}, else 0. No gradient. */
  Tensor lt(Tensor other);

  /** 1 where {@code this <= other}, else 0. No gradient. */
  Tensor le(Tensor other);

  /** 1 where {@code this > other}, else 0. No gradient. */
  Tensor gt(Tensor other);

  /** 1 where {@code this >= other}, else 0. No gradient. */
  Tensor ge(Tensor other);

  /**
   * Selects elementwise: {@code ifTrue} where this tensor (the condition) is nonzero, else
   * {@code ifFalse}. The three shapes broadcast together; the gradient flows to the selected branch.
   */
  Tensor where(Tensor ifTrue, Tensor ifFalse);

  // ---- elementwise, unary -------------------------------------------------------------------------

  Tensor neg();

  Tensor exp();

  Tensor log();

  /** log(1 + x), accurate near 0. */
  Tensor log1p();

  /** exp(x) - 1, accurate near 0. */
  Tensor expm1();

  Tensor sqrt();

  Tensor square();

  Tensor reciprocal();

  Tensor abs();

  /** -1, 0 or 1. No gradient. */
  Tensor sign();

  /** Largest integer not above x. No gradient. */
  Tensor floor();

  Tensor relu();

  Tensor sigmoid();

  Tensor tanh();

  /** log(1 + exp(x)), computed without overflow for large |x|. */
  Tensor softplus();

  /** log|Gamma(x)|. */
  Tensor lgamma();

  /** The digamma function, d/dx lgamma(x); its gradient is {@link #trigamma()}. */
  Tensor digamma();

  /**
   * The trigamma function, d/dx digamma(x). Its own gradient is not implemented: a backward pass that
   * would send a gradient through it throws {@link UnsupportedOperationException} naming TRIGAMMA.
   */
  Tensor trigamma();

  /** The error function, {@code 2/sqrt(pi) * integral from 0 to x of exp(-t^2) dt}. */
  Tensor erf();

  // ---- reductions ---------------------------------------------------------------------------------

  /** Sum of all elements, a scalar. */
  Tensor sum();

  /** Sum over {@code axes}; they are removed unless {@code keepDims}, in which case they become size 1. */
  Tensor sum(int[] axes, boolean keepDims);

  /** Sum over one axis, removing it. */
  default Tensor sum(int axis) {
    return sum(new int[] {axis}, false);
  }

  /** Mean of all elements, a scalar. */
  Tensor mean();

  /** Mean over {@code axes}. */
  Tensor mean(int[] axes, boolean keepDims);

  /** Mean over one axis, removing it. */
  default Tensor mean(int axis) {
    return mean(new int[] {axis}, false);
  }

  /** Maximum over {@code axes}; the gradient is shared equally among tied maxima. */
  Tensor max(int[] axes, boolean keepDims);

  /** Minimum over {@code axes}; the gradient is shared equally among tied minima. */
  Tensor min(int[] axes, boolean keepDims);

  /** Maximum of all elements, a scalar. */
  Tensor max();

  /** Minimum of all elements, a scalar. */
  Tensor min();

  /** Index of the largest element along {@code axis} (first on ties), an INT32 tensor without that axis. */
  Tensor argmax(int axis);

  /** Index of the smallest element along {@code axis} (first on ties), an INT32 tensor without that axis. */
  Tensor argmin(int axis);

  /** log(sum(exp(x))) over {@code axis}, computed stably. */
  Tensor logSumExp(int axis, boolean keepDims);

  /** exp(x) / sum(exp(x)) along {@code axis}. */
  Tensor softmax(int axis);

  /** x - logSumExp(x) along {@code axis}. */
  Tensor logSoftmax(int axis);

  // ---- movement -----------------------------------------------------------------------------------

  /** The same elements in row-major order under a new shape of equal size; one axis may be -1. */
  Tensor reshape(int... dims);

  /** The same elements in row-major order under a new shape of equal size. */
  Tensor reshape(Shape shape);

  /** Reorders axes: result axis i is input axis {@code axes[i]}. */
  Tensor permute(int... axes);

  /** Swaps two axes. */
  Tensor transpose(int axis1, int axis2);

  /** Broadcasts to {@code shape} (size-1 axes repeat, new axes are added in front). */
  Tensor expand(Shape shape);

  /** Elements {@code [start, end)} along {@code axis}; negative bounds count from the end. */
  Tensor slice(int axis, int start, int end);

  /** Inserts a size-1 axis at {@code axis} (which may equal the rank). */
  Tensor unsqueeze(int axis);

  /** Removes the size-1 axis at {@code axis}. */
  Tensor squeeze(int axis);

  /** Merges axes {@code startAxis..rank-1} into one. */
  Tensor flatten(int startAxis);

  /**
   * Pads with a constant: {@code before[i]} and {@code after[i]} elements on each side of axis i
   * (arrays of length {@link #rank()}).
   */
  Tensor pad(int[] before, int[] after, double value);

  /**
   * Picks elements along {@code axis} by index, as {@code torch.gather} / NumPy's
   * {@code take_along_axis}: {@code out[i][j][k] = this[i][index[i][j][k]][k]} for axis 1.
   * {@code index} is INT32 of the same rank, with every other axis no longer than this tensor's.
   *
   * @throws IndexOutOfRangeException naming the first index outside {@code [0, dim(axis))}, its position,
   *     the axis and the size, on every backend
   */
  Tensor gather(int axis, Tensor index);

  /**
   * The adjoint of {@link #gather}: a tensor of {@code shape}, zero except that each element of this
   * tensor is added at the position {@code index} names along {@code axis}.
   *
   * @throws IndexOutOfRangeException naming the first index outside {@code [0, shape.dim(axis))}
   */
  Tensor scatterAdd(Shape shape, int axis, Tensor index);

  /** Converts the element type. Differentiable between floating types. */
  Tensor cast(DType dtype);

  // ---- linear algebra -----------------------------------------------------------------------------

  /**
   * Matrix product over the last two axes, {@code (..., m, k) @ (..., k, n) -> (..., m, n)}, with the
   * leading (batch) axes broadcast. Vectors are not promoted: both operands have rank 2 or more.
   */
  Tensor matmul(Tensor other);

  // ---- automatic differentiation ------------------------------------------------------------------

  /** True when gradients flow to or through this tensor. */
  boolean requiresGrad();

  /**
   * Marks this leaf as a parameter whose gradient {@link #backward()} accumulates. Returns this tensor.
   *
   * @throws IllegalStateException for a tensor made by a recorded operation, or an integer tensor
   */
  Tensor requireGrad();

  /** The accumulated gradient, of this tensor's shape, or {@code null} before any backward pass. */
  Tensor grad();

  /** Drops the accumulated gradient (closing its buffer). */
  void zeroGrad();

  /**
   * Back-propagates from this scalar with seed 1, then frees the graph (see {@link #backward(Tensor, boolean)}).
   */
  void backward();

  /** Back-propagates from this scalar with seed 1, freeing the graph unless {@code retainGraph}. */
  void backward(boolean retainGraph);

  /** Back-propagates from this tensor with {@code seed} (same shape) as d(loss)/d(this), then frees the graph. */
  void backward(Tensor seed);

  /**
   * Back-propagates from this tensor with {@code seed} (same shape) as d(loss)/d(this), accumulating into the
   * gradients of the leaves. Unless {@code retainGraph}, the graph is freed afterwards, as in PyTorch: a later
   * backward pass through any tensor of it throws {@link IllegalStateException} instead of silently adding
   * the same gradients a second time. With {@code retainGraph} the graph stays, and each further backward
   * pass through it accumulates again. Separate forward passes always accumulate (gradient accumulation
   * over micro-batches); {@link #zeroGrad()} clears.
   */
  void backward(Tensor seed, boolean retainGraph);

  /** The same values with no recorded history: the stop-gradient of the straight-through estimator. */
  Tensor detach();

  /**
   * Overwrites this leaf's values with {@code value}'s (same shape and dtype), without recording.
   * Used by optimizers. The old buffer is closed. Returns this tensor.
   */
  Tensor assign(Tensor value);

  // ---- host access and memory ---------------------------------------------------------------------

  /** The elements in row-major order, converted to float. */
  float[] toFloatArray();

  /** The elements in row-major order, converted to double. */
  double[] toDoubleArray();

  /** The elements in row-major order, converted to int (floats are truncated toward zero). */
  int[] toIntArray();

  /** The single element of a tensor of size 1. */
  double item();

  /**
   * Takes this tensor out of its scope into the enclosing one (or to the caller, when there is none), so
   * that it outlives the current scope. Returns this tensor.
   */
  Tensor keep();

  /** True once the buffer has been released. */
  boolean isClosed();

  /** Releases the buffer now. Idempotent. */
  @Override
  void close();
}
