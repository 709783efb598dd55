package org.vae4j.core.autodiff;

import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.StructuralOp;

/**
 * Primitives backed by optional fused kernels ({@link org.vae4j.api.spi.Capability}): each checks its
 * arguments, calls the backend's kernel and records one node with its own row in {@link GradientTable}.
 * Callers check the capability first (as {@link org.vae4j.core.Functions} does) and use the composition of
 * {@link Primitives} otherwise.
 */
public final class FusedPrimitives {
  private FusedPrimitives() {
  }

  /**
   * {@code x @ weight^T + bias} through the backend's fused kernel ({@link
   * org.vae4j.api.spi.Capability#FUSED_LINEAR}, which the caller checks): x {@code (n, in)}, weight
   * {@code (out, in)}, bias {@code (out)} or null. Recorded as one {@link StructuralOp#LINEAR} node.
   */
  public static TapeTensor linear(Tensor x, Tensor weight, Tensor bias) {
    TapeTensor a = TapeTensor.of(x);
    TapeTensor w = TapeTensor.of(weight);
    TapeTensor b = bias == null ? null : TapeTensor.of(bias);
    Primitives.sameKernels("linear", a, w);
    Primitives.sameDType("linear", a, w);
    Primitives.requireFloat("linear", a);
    if (a.rank() != 2 || w.rank() != 2 || a.dim(1) != w.dim(1)
        || (b != null && (b.rank() != 1 || b.dim(0) != w.dim(0)))) {
      throw new IllegalArgumentException("linear: input " + a.shape() + ", weight " + w.shape() + " and bias "
          + (b == null ? "none" : b.shape()) + " do not fit (n, in), (out, in) and (out)");
    }
    if (b != null) {
      Primitives.sameKernels("linear", a, b);
      Primitives.sameDType("linear", a, b);
    }
    Buffer out = a.kernels().linear(a.buffer(), w.buffer(), b == null ? null : b.buffer());
    return b == null ? Primitives.record(a.kernels(), out, StructuralOp.LINEAR, null, a, w)
        : Primitives.record(a.kernels(), out, StructuralOp.LINEAR, null, a, w, b);
  }

  /**
   * {@code softplus(l) - l * t} through the backend's fused kernel ({@link
   * org.vae4j.api.spi.Capability#FUSED_BCE_WITH_LOGITS}, which the caller checks): logits and targets of
   * one shape and floating dtype. Recorded as one {@link StructuralOp#BCE_WITH_LOGITS} node.
   */
  public static TapeTensor bceWithLogits(Tensor logits, Tensor targets) {
    TapeTensor l = TapeTensor.of(logits);
    TapeTensor t = TapeTensor.of(targets);
    Primitives.sameKernels("bceWithLogits", l, t);
    Primitives.sameDType("bceWithLogits", l, t);
    Primitives.requireFloat("bceWithLogits", l);
    if (!l.shape().equals(t.shape())) {
      throw new IllegalArgumentException("bceWithLogits: logits " + l.shape() + " and targets " + t.shape()
          + " differ; expand them to one shape first");
    }
    Buffer out = l.kernels().bceWithLogits(l.buffer(), t.buffer());
    return Primitives.record(l.kernels(), out, StructuralOp.BCE_WITH_LOGITS, null, l, t);
  }

  /**
   * The gradient of {@link #bceWithLogits} with respect to the logits, {@code grad * (sigmoid(l) - t)},
   * through the backend's {@link org.vae4j.api.spi.Kernels#bceWithLogitsGradient}: for the backward pass,
   * which records nothing (a constant). All three of one shape and dtype, as the forward node left them.
   */
  static TapeTensor bceWithLogitsGradient(Tensor grad, Tensor logits, Tensor targets) {
    TapeTensor g = TapeTensor.of(grad);
    TapeTensor l = TapeTensor.of(logits);
    TapeTensor t = TapeTensor.of(targets);
    if (!g.shape().equals(l.shape()) || g.dtype() != l.dtype()) {
      throw new IllegalArgumentException("bceWithLogits gradient: upstream " + g.dtype() + " " + g.shape()
          + " and logits " + l.dtype() + " " + l.shape() + " differ");
    }
    Buffer out = l.kernels().bceWithLogitsGradient(g.buffer(), l.buffer(), t.buffer());
    return TapeTensor.constant(l.kernels(), out);
  }

  /**
   * {@code x - logSumExp(x)} along the last axis through the backend's fused kernel ({@link
   * org.vae4j.api.spi.Capability#FUSED_LOG_SOFTMAX}, which the caller checks): x of rank at least 1 and a
   * floating dtype. Recorded as one {@link StructuralOp#LOG_SOFTMAX} node.
   */
  public static TapeTensor logSoftmax(Tensor x) {
    TapeTensor t = TapeTensor.of(x);
    Primitives.requireFloat("logSoftmax", t);
    if (t.rank() < 1) {
      throw new IllegalArgumentException("logSoftmax: needs an axis, got a scalar");
    }
    Buffer out = t.kernels().logSoftmax(t.buffer());
    return Primitives.record(t.kernels(), out, StructuralOp.LOG_SOFTMAX, null, t);
  }

  /**
   * The gradient of {@link #logSoftmax} with respect to its input, {@code grad - exp(output) * sum(grad)} along
   * the last axis, through the backend's {@link org.vae4j.api.spi.Kernels#logSoftmaxGradient}: for the backward
   * pass, which records nothing (a constant). Both of one shape and dtype, as the forward node left them.
   */
  static TapeTensor logSoftmaxGradient(Tensor grad, Tensor output) {
    TapeTensor g = TapeTensor.of(grad);
    TapeTensor y = TapeTensor.of(output);
    if (!g.shape().equals(y.shape()) || g.dtype() != y.dtype()) {
      throw new IllegalArgumentException("logSoftmax gradient: upstream " + g.dtype() + " " + g.shape()
          + " and output " + y.dtype() + " " + y.shape() + " differ");
    }
    return TapeTensor.constant(y.kernels(), y.kernels().logSoftmaxGradient(g.buffer(), y.buffer()));
  }

  /**
   * The sum of the squares of {@code x}'s elements, shape {@code ()}, through the backend's
   * {@link org.vae4j.api.spi.Kernels#sumOfSquares}. Not differentiable: for values read without a tape, such
   * as the gradient norm; refused while recording for an input that requires a gradient.
   */
  public static TapeTensor sumOfSquares(Tensor x) {
    TapeTensor t = TapeTensor.of(x);
    Primitives.requireFloat("sumOfSquares", t);
    if (NoGrad.isRecording() && t.requiresGrad()) {
      throw new IllegalStateException("sumOfSquares: not differentiable, and " + t.shape() + " requires a "
          + "gradient; use x.square().sum(), or call it inside NoGrad");
    }
    return TapeTensor.constant(t.kernels(), t.kernels().sumOfSquares(t.buffer()));
  }
}
