package org.vae4j.core.estimators;

import org.vae4j.api.Tensor;

/**
 * The straight-through gradient estimator (Bengio et al. 2013): the forward value of a discrete
 * {@code hard} tensor with the gradient of a differentiable {@code soft} one. Used by hard Gumbel-softmax
 * samples and by the vector quantizer.
 */
public final class StraightThrough {
  private StraightThrough() {
  }

  /**
   * {@code soft + (hard - soft).detach()}: equals {@code hard} in value; its gradient reaches {@code soft}
   * unchanged and {@code hard} not at all. The shapes must broadcast.
   */
  public static Tensor apply(Tensor soft, Tensor hard) {
    return soft.add(hard.sub(soft).detach());
  }
}
