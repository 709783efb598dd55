package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.Tensor;

/** Conversions between probabilities and logits shared by the discrete families. */
final class Probabilities {
  private Probabilities() {
  }

  /** Machine epsilon of a floating dtype. */
  static double eps(DType dtype) {
    return dtype == DType.FLOAT32 ? Math.ulp(1.0f) : Math.ulp(1.0);
  }

  /** Probabilities clamped to {@code [eps, 1 - eps]}. */
  static Tensor clamp(Tensor probs) {
    double eps = eps(probs.dtype());
    Tensor lo = probs.factory().scalar(eps, probs.dtype());
    Tensor hi = probs.factory().scalar(1.0 - eps, probs.dtype());
    return probs.maximum(lo).minimum(hi);
  }

  /** Binary logits {@code log p - log(1 - p)} of clamped probabilities. */
  static Tensor toLogits(Tensor probs) {
    Tensor p = clamp(probs);
    return p.log().sub(p.neg().log1p());
  }

  /** Categorical log-probabilities {@code log p} of clamped probabilities over the last axis. */
  static Tensor toLogProbs(Tensor probs) {
    return clamp(probs).log();
  }
}
