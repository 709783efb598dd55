package org.vae4j.core;

import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Conv2dSpec;
import org.vae4j.core.autodiff.FusedPrimitives;
import org.vae4j.core.autodiff.Primitives;
import org.vae4j.core.autodiff.TapeTensor;

/**
 * Composite functions of neural networks and losses, written once from primitives so every backend gets
 * them. All are differentiable in their floating-point arguments.
 */
public final class Functions {
  private Functions() {
  }

  /**
   * {@code x @ weight^T + bias}: x {@code (..., in)}, weight {@code (out, in)} (PyTorch's layout), bias
   * {@code (out)} or null; result {@code (..., out)}. Rank-2 inputs use the backend's fused kernel when it
   * announces {@link Capability#FUSED_LINEAR}.
   */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    if (x.rank() < 1 || weight.rank() != 2 || x.dim(-1) != weight.dim(1)) {
      throw new IllegalArgumentException("linear: input " + x.shape() + " and weight " + weight.shape()
          + " do not align: the input's last axis must equal the weight's second (in features)");
    }
    Tensor in = x.rank() == 1 ? x.unsqueeze(0) : x;
    if (in.rank() == 2 && TapeTensor.of(in).kernels().capabilities().contains(Capability.FUSED_LINEAR)
        && (bias == null || bias.rank() == 1)) {
      Tensor y = FusedPrimitives.linear(in, weight, bias);
      return x.rank() == 1 ? y.squeeze(0) : y;
    }
    Tensor y = Primitives.matmul(in, weight, false, true);
    if (bias != null) {
      y = y.add(bias);
    }
    return x.rank() == 1 ? y.squeeze(0) : y;
  }

  /** 2-D convolution: x {@code (N, C, H, W)}, weight {@code (O, C, KH, KW)}, bias {@code (O)} or null. */
  public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dSpec spec) {
    Tensor y = Primitives.conv2d(x, weight, spec);
    return bias == null ? y : y.add(bias.reshape(1, -1, 1, 1));
  }

  /**
   * Transposed 2-D convolution as in PyTorch's ConvTranspose2d: x {@code (N, Cin, H, W)}, weight
   * {@code (Cin, Cout, KH, KW)}, bias {@code (Cout)} or null; output height
   * {@code (H - 1) * stride - 2 * padding + dilation * (KH - 1) + outputPadding + 1}, and likewise width.
   */
  public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, Conv2dSpec spec,
      int outputPaddingH, int outputPaddingW) {
    if (x.rank() != 4 || weight.rank() != 4 || x.dim(1) != weight.dim(0)) {
      throw new IllegalArgumentException("convTranspose2d: input " + x.shape() + " and weight " + weight.shape()
          + " do not fit: need (N, Cin, H, W) and (Cin, Cout, KH, KW)");
    }
    int h = (x.dim(2) - 1) * spec.strideH() - 2 * spec.padH() + spec.dilationH() * (weight.dim(2) - 1)
        + outputPaddingH + 1;
    int w = (x.dim(3) - 1) * spec.strideW() - 2 * spec.padW() + spec.dilationW() * (weight.dim(3) - 1)
        + outputPaddingW + 1;
    Shape out = Shape.of(x.dim(0), weight.dim(1), h, w);
    Tensor y = Primitives.conv2dBackwardInput(x, weight, out, spec);
    return bias == null ? y : y.add(bias.reshape(1, -1, 1, 1));
  }

  /** One-hot rows: INT32 indices {@code (...)} with values in [0, k) give {@code (..., k)} of {@code dtype}. */
  public static Tensor oneHot(Tensor indices, int k, DType dtype) {
    if (indices.dtype() != DType.INT32) {
      throw new IllegalArgumentException("oneHot: indices must be INT32, got " + indices.dtype());
    }
    Tensor classes = indices.factory().arange(k).cast(dtype);
    return indices.cast(dtype).unsqueeze(-1).eq(classes);
  }

  /** Rows of {@code weight (K, D)} picked by INT32 {@code indices (...)}: result {@code (..., D)}. */
  public static Tensor embedding(Tensor weight, Tensor indices) {
    if (weight.rank() != 2 || indices.dtype() != DType.INT32) {
      throw new IllegalArgumentException("embedding: need weight (K, D) and INT32 indices, got weight "
          + weight.shape() + " and indices " + indices.dtype() + " " + indices.shape());
    }
    int n = (int) indices.size();
    int d = weight.dim(1);
    Tensor idx = indices.reshape(n, 1).expand(Shape.of(n, d));
    return weight.gather(0, idx).reshape(indices.shape().append(d));
  }

  /**
   * Binary cross-entropy with logits, elementwise: {@code softplus(x) - x * t}, exact and finite for any
   * logit; targets t in [0, 1] broadcast with x. One kernel on backends announcing
   * {@link Capability#FUSED_BCE_WITH_LOGITS}.
   */
  public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
    if (logits.dtype() == targets.dtype() && logits.dtype().isFloatingPoint()
        && TapeTensor.of(logits).kernels().capabilities().contains(Capability.FUSED_BCE_WITH_LOGITS)) {
      Shape shape = Shape.broadcast("bceWithLogits", logits.shape(), targets.shape());
      return FusedPrimitives.bceWithLogits(logits.expand(shape), targets.expand(shape));
    }
    return logits.softplus().sub(logits.mul(targets));
  }

  /** {@code log(sigmoid(x)) = -softplus(-x)}, stable for any x. */
  public static Tensor logSigmoid(Tensor x) {
    return x.neg().softplus().neg();
  }

  /** Mean squared error over all elements. */
  public static Tensor mseLoss(Tensor prediction, Tensor target) {
    return prediction.sub(target).square().mean();
  }

  /**
   * Cross-entropy of logits {@code (N, K)} against INT32 labels {@code (N)}, averaged over the batch.
   */
  public static Tensor crossEntropy(Tensor logits, Tensor labels) {
    Tensor logp = logits.logSoftmax(-1);
    Tensor picked = logp.gather(1, labels.reshape(-1, 1));
    return picked.mean().neg();
  }

  /**
   * The straight-through gradient estimator (Bengio et al. 2013), {@code soft + (hard - soft).detach()}:
   * equals {@code hard} in value, and its gradient reaches {@code soft} unchanged and {@code hard} not at
   * all. Used by hard Gumbel-softmax samples and by the vector quantizer. The shapes must broadcast.
   */
  public static Tensor straightThrough(Tensor soft, Tensor hard) {
    return soft.add(hard.sub(soft).detach());
  }
}
