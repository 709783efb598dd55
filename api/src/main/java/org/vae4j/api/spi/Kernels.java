package org.vae4j.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vae4j.api.DType;
import org.vae4j.api.Device;
import org.vae4j.api.Shape;

/**
 * The primitive ops of one backend on one device: the whole vocabulary that {@code vae4j-core} composes
 * everything else from.
 *
 * <p><b>Contract for every method.</b> Inputs are buffers made by this same instance; they are never
 * modified or closed. Every returned buffer is new and owned by the caller (see {@link Buffer} for
 * sharing). Arguments arrive already checked by {@code core}: shapes broadcast or agree as documented,
 * axes are non-negative, and dtypes are the same across operands unless stated. A backend may still throw
 * {@link IllegalArgumentException} for input it cannot handle, naming the op and the shapes.
 *
 * <p><b>Layout.</b> Every buffer is logically row-major; views and strides are the backend's business.
 *
 * <p><b>Threads.</b> Implementations are thread-safe; buffers are not shared across backends.
 */
public interface Kernels {

  /** The owning backend's name. */
  String backendName();

  /** The device these kernels compute on. */
  Device device();

  /**
   * The optional features these kernels offer, a subset of their backend's {@link Backend#capabilities()};
   * {@code core} calls an optional kernel only when its capability is listed here. Default: none.
   */
  default Set<Capability> capabilities() {
    return Set.of();
  }

  // ---- host transfer ------------------------------------------------------------------------------

  /** FLOAT32 buffer from row-major data of {@code shape.size()} elements (copied). */
  Buffer fromFloats(float[] data, Shape shape);

  /** FLOAT64 buffer from row-major data (copied). */
  Buffer fromDoubles(double[] data, Shape shape);

  /** INT32 buffer from row-major data (copied). */
  Buffer fromInts(int[] data, Shape shape);

  /** A buffer of {@code shape} and {@code dtype} filled with {@code value}. */
  Buffer full(Shape shape, DType dtype, double value);

  /** Row-major elements as float (converted from any dtype). */
  float[] toFloats(Buffer x);

  /** Row-major elements as double (converted from any dtype). */
  double[] toDoubles(Buffer x);

  /** Row-major elements as int (floats truncated toward zero). */
  int[] toInts(Buffer x);

  // ---- elementwise --------------------------------------------------------------------------------

  /** {@code op(x)} elementwise; x is FLOAT32 or FLOAT64. */
  Buffer unary(UnaryOp op, Buffer x);

  /** {@code op(a, b)} elementwise with broadcasting to {@code Shape.broadcast(a, b)}. */
  Buffer binary(BinaryOp op, Buffer a, Buffer b);

  /**
   * {@code ifTrue} where {@code condition != 0}, else {@code ifFalse}; the three shapes broadcast together.
   * {@code condition} may have any dtype; the branches share one dtype, which the result takes.
   */
  Buffer where(Buffer condition, Buffer ifTrue, Buffer ifFalse);

  // ---- reductions ---------------------------------------------------------------------------------

  /**
   * Reduces over {@code axes} (sorted, distinct, non-empty). Reduced axes are removed, or kept with size 1
   * when {@code keepDims}.
   */
  Buffer reduce(ReduceOp op, Buffer x, int[] axes, boolean keepDims);

  /**
   * Index of the largest ({@link ReduceOp#MAX}) or smallest ({@link ReduceOp#MIN}) element along
   * {@code axis}, the first one on ties; INT32, with {@code axis} removed. {@link ReduceOp#SUM} is refused.
   */
  Buffer argReduce(ReduceOp op, Buffer x, int axis);

  // ---- movement (any dtype) -----------------------------------------------------------------------

  /** Same row-major elements under {@code shape} (equal size). */
  Buffer reshape(Buffer x, Shape shape);

  /** Result axis i is input axis {@code axes[i]} ({@code axes} is a permutation of 0..rank-1). */
  Buffer permute(Buffer x, int[] axes);

  /** Broadcast to {@code shape} ({@code x.shape().broadcastsTo(shape)} holds). */
  Buffer expand(Buffer x, Shape shape);

  /** Elements {@code begin[i] <= j < end[i]} on every axis i (bounds within the shape, {@code begin <= end}). */
  Buffer slice(Buffer x, int[] begin, int[] end);

  /** Pads each axis i with {@code before[i]} and {@code after[i]} elements of {@code value}. */
  Buffer pad(Buffer x, int[] before, int[] after, double value);

  /** Joins along {@code axis}; parts agree on every other axis and on dtype. */
  Buffer concat(List<Buffer> parts, int axis);

  /**
   * {@code torch.gather}: {@code out[..., j, ...] = x[..., index[..., j, ...], ...]} along {@code axis}.
   * {@code index} is INT32 with the rank of {@code x}, every index within {@code [0, x.dim(axis))}, and
   * every other axis no longer than x's; the result has index's shape and x's dtype.
   *
   * @throws org.vae4j.api.IndexOutOfRangeException for the first index outside {@code [0, x.dim(axis))}
   *     (backends check this themselves: core does not read indices)
   */
  Buffer gather(Buffer x, int axis, Buffer index);

  /**
   * The adjoint of {@link #gather}: zeros of {@code shape} (src's dtype) with each element of {@code src}
   * added at {@code index}'s position along {@code axis}; duplicates accumulate. {@code index} has src's
   * shape.
   *
   * @throws org.vae4j.api.IndexOutOfRangeException for the first index outside {@code [0, shape.dim(axis))}
   */
  Buffer scatterAdd(Shape shape, int axis, Buffer index, Buffer src);

  /** Converts element type (floats to INT32 truncate toward zero). */
  Buffer cast(Buffer x, DType dtype);

  // ---- linear algebra -----------------------------------------------------------------------------

  /**
   * Batched matrix product over the last two axes, optionally transposing either operand's last two axes
   * first. Both have rank >= 2; leading axes broadcast. {@code (..., m, k) @ (..., k, n) -> (..., m, n)}.
   */
  Buffer matmul(Buffer a, Buffer b, boolean transposeA, boolean transposeB);

  /**
   * 2-D cross-correlation: input {@code (N, C, H, W)}, weight {@code (O, C, KH, KW)}, result
   * {@code (N, O, OH, OW)} with OH, OW from {@link Conv2dSpec}. No bias.
   */
  Buffer conv2d(Buffer input, Buffer weight, Conv2dSpec spec);

  /**
   * The gradient of {@link #conv2d} with respect to its input (also the forward pass of a transposed
   * convolution): {@code gradOutput (N, O, OH, OW)}, weight {@code (O, C, KH, KW)}, result of
   * {@code inputShape (N, C, H, W)}.
   */
  Buffer conv2dBackwardInput(Buffer gradOutput, Buffer weight, Shape inputShape, Conv2dSpec spec);

  /**
   * The gradient of {@link #conv2d} with respect to its weight: input {@code (N, C, H, W)},
   * {@code gradOutput (N, O, OH, OW)}, result of {@code weightShape (O, C, KH, KW)}.
   */
  Buffer conv2dBackwardWeight(Buffer input, Buffer gradOutput, Shape weightShape, Conv2dSpec spec);

  /**
   * Both gradients of {@link #conv2d} at once: element 0 is what {@link #conv2dBackwardInput}{@code (gradOutput,
   * weight, input.shape(), spec)} returns, element 1 what {@link #conv2dBackwardWeight}{@code (input,
   * gradOutput, weight.shape(), spec)} returns, each a new buffer owned by the caller. The default makes those
   * two calls; a backend whose engine computes both in one kernel may make one (nd4j: libnd4j's
   * {@code conv2d_bp}, which computes the input gradient whenever it computes the weight's).
   */
  default List<Buffer> conv2dBackward(Buffer input, Buffer gradOutput, Buffer weight, Conv2dSpec spec) {
    Buffer gradInput = conv2dBackwardInput(gradOutput, weight, input.shape(), spec);
    try {
      return List.of(gradInput, conv2dBackwardWeight(input, gradOutput, weight.shape(), spec));
    } catch (RuntimeException e) {
      gradInput.close();
      throw e;
    }
  }

  // ---- optional fused kernels (see Capability) -------------------------------------------------------

  /**
   * {@link Capability#FUSED_LINEAR}: {@code x @ weight^T + bias} for x {@code (n, in)}, weight
   * {@code (out, in)} and bias {@code (out)} or null, all of one floating dtype; result {@code (n, out)}.
   *
   * @throws UnsupportedOperationException when the backend does not announce FUSED_LINEAR
   */
  default Buffer linear(Buffer x, Buffer weight, Buffer bias) {
    throw new UnsupportedOperationException("linear: backend " + backendName() + " does not announce "
        + Capability.FUSED_LINEAR);
  }

  /**
   * {@link Capability#FUSED_BCE_WITH_LOGITS}: {@code softplus(l) - l * t} elementwise (binary cross-entropy
   * of targets t given logits l), finite for every finite logit. {@code logits} and {@code targets} have one
   * shape (no broadcasting) and one floating dtype.
   *
   * @throws UnsupportedOperationException when the backend does not announce FUSED_BCE_WITH_LOGITS
   */
  default Buffer bceWithLogits(Buffer logits, Buffer targets) {
    throw new UnsupportedOperationException("bceWithLogits: backend " + backendName() + " does not announce "
        + Capability.FUSED_BCE_WITH_LOGITS);
  }

  /**
   * {@link Capability#FUSED_LOG_SOFTMAX}: {@code x - logSumExp(x)} along the last axis, the log-softmax of each
   * row; {@code x} has rank at least 1 and a floating dtype, and the result its shape. A row's log-sum-exp is
   * {@code m + log(sum(exp(x - m)))} with m the row's maximum, as {@code core}'s composition computes it, so a row
   * whose maximum is infinite or NaN gives NaN there too.
   *
   * @throws UnsupportedOperationException when the backend does not announce FUSED_LOG_SOFTMAX
   */
  default Buffer logSoftmax(Buffer x) {
    throw new UnsupportedOperationException("logSoftmax: backend " + backendName() + " does not announce "
        + Capability.FUSED_LOG_SOFTMAX);
  }

  /**
   * {@link Capability#FUSED_LOG_SOFTMAX}: the gradient of {@link #logSoftmax} with respect to its input, from
   * the upstream gradient and the log-softmax itself: {@code grad - exp(output) * sum(grad)}, the sum along the
   * last axis; both of one shape and floating dtype. The default composes {@link #reduce}, {@link #unary} and
   * {@link #binary}; a backend may fuse it into one pass.
   */
  default Buffer logSoftmaxGradient(Buffer grad, Buffer output) {
    int last = output.shape().rank() - 1;
    try (Buffer total = reduce(ReduceOp.SUM, grad, new int[] {last}, true);
        Buffer softmax = unary(UnaryOp.EXP, output);
        Buffer share = binary(BinaryOp.MUL, softmax, total)) {
      return binary(BinaryOp.SUB, grad, share);
    }
  }

  /**
   * {@link Capability#FUSED_BCE_WITH_LOGITS}: the gradient of {@link #bceWithLogits} with respect to the
   * logits, {@code grad * (sigmoid(l) - t)} elementwise; {@code grad}, {@code logits} and {@code targets}
   * have one shape and one floating dtype. The default composes {@link #unary} and {@link #binary} in that
   * order (sigmoid, subtraction, product); a backend may fuse it into one pass with the same per-element
   * operations.
   */
  default Buffer bceWithLogitsGradient(Buffer grad, Buffer logits, Buffer targets) {
    try (Buffer sigmoid = unary(UnaryOp.SIGMOID, logits);
        Buffer difference = binary(BinaryOp.SUB, sigmoid, targets)) {
      return binary(BinaryOp.MUL, grad, difference);
    }
  }

  /**
   * The sum of the squares of all of {@code x}'s elements: a buffer of shape {@code ()} and x's floating dtype
   * (the kernel of the global gradient norm). The default composes {@link #unary}{@code (SQUARE)} and
   * {@link #reduce}{@code (SUM)} over every axis; a backend may do it in one pass, its sum accumulated at
   * least as precisely as its {@code reduce}'s.
   */
  default Buffer sumOfSquares(Buffer x) {
    int[] axes = new int[x.shape().rank()];
    for (int a = 0; a < axes.length; a++) {
      axes[a] = a;
    }
    try (Buffer square = unary(UnaryOp.SQUARE, x)) {
      return reduce(ReduceOp.SUM, square, axes, false);
    }
  }

  /**
   * {@link Capability#FUSED_ADAM}: one Adam step, with the formulas of {@link AdamStep}, on a parameter, its
   * gradient and its two moment estimates, all of one shape and one floating dtype. Returns p': a new buffer
   * owned by the caller, or {@code param} itself overwritten in place when this backend's buffers never share
   * memory (no views), so that nothing else can observe the write. {@code grad} is only read.
   *
   * <p><b>In place:</b> {@code m} and {@code v} are overwritten with m' and v' (an exception to this
   * interface's rule that inputs are never modified). The caller must own them exclusively: no other buffer
   * may share their memory, as a view made from them (or they from another buffer) would.
   *
   * @throws UnsupportedOperationException when the backend does not announce FUSED_ADAM
   */
  default Buffer adamUpdate(Buffer param, Buffer grad, Buffer m, Buffer v, AdamStep step) {
    throw new UnsupportedOperationException("adamUpdate: backend " + backendName() + " does not announce "
        + Capability.FUSED_ADAM);
  }

  /**
   * {@link Capability#FUSED_ADAM} on several parameters with one step: element i of the result is what
   * {@link #adamUpdate}{@code (params.get(i), grads.get(i), ms.get(i), vs.get(i), step)} returns, under its
   * ownership and in-place rules; the four lists have one length, and a parameter's four buffers one shape and
   * dtype (the parameters may differ from each other). The default makes those calls in order; a backend may
   * make them one call (djl makes one libtorch call, which saves its per-call cost on every small parameter).
   * When it throws, a prefix of the parameters may have been updated.
   *
   * @throws UnsupportedOperationException when the backend does not announce FUSED_ADAM
   */
  default List<Buffer> adamUpdates(List<Buffer> params, List<Buffer> grads, List<Buffer> ms, List<Buffer> vs,
      AdamStep step) {
    int n = params.size();
    if (grads.size() != n || ms.size() != n || vs.size() != n) {
      throw new IllegalArgumentException("adamUpdates: " + n + " parameters but " + grads.size() + " gradients, "
          + ms.size() + " first and " + vs.size() + " second moments; pass one of each per parameter");
    }
    List<Buffer> updated = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      updated.add(adamUpdate(params.get(i), grads.get(i), ms.get(i), vs.get(i), step));
    }
    return updated;
  }

  /**
   * {@link Capability#FUSED_LSTM_CELL}: one step of PyTorch's {@code LSTMCell}, {@code gates = x weightIh^T +
   * biasIh + h weightHh^T + biasHh} split into input, forget, cell and output blocks, then
   * {@code c' = sigmoid(f) c + sigmoid(i) tanh(g)} and {@code h' = sigmoid(o) tanh(c')}. Shapes: x
   * {@code (N, I)}, h and c {@code (N, H)}, weightIh {@code (4H, I)}, weightHh {@code (4H, H)}, both biases
   * {@code (4H)}; one floating dtype. Records nothing (the caller uses it only where no gradient is needed).
   *
   * @throws UnsupportedOperationException when the backend does not announce FUSED_LSTM_CELL
   */
  default LstmCellState lstmCell(Buffer x, Buffer h, Buffer c, Buffer weightIh, Buffer weightHh, Buffer biasIh,
      Buffer biasHh) {
    throw new UnsupportedOperationException("lstmCell: backend " + backendName() + " does not announce "
        + Capability.FUSED_LSTM_CELL);
  }
}
