package org.vae4j.core.estimators;

/**
 * The weight (beta) of the KL term of the ELBO as a function of the training step: constant (beta-VAE,
 * beta = 1 for the true ELBO) or warmed up from 0 (Bowman et al. 2016; Sonderby et al. 2016). Stateless;
 * thread-safe.
 */
@FunctionalInterface
public interface KlSchedule {

  /** The KL weight at {@code step} (0-based; {@link Long#MAX_VALUE} means "after any warm-up"). */
  double weight(long step);

  /** Always {@code beta}. */
  static KlSchedule constant(double beta) {
    requireFinite(beta);
    return step -> beta;
  }

  /**
   * {@code beta * min(1, step / steps)}: 0 at step 0, rising linearly to {@code beta} at {@code steps} and
   * staying there.
   */
  static KlSchedule linearWarmup(long steps, double beta) {
    requireFinite(beta);
    if (steps < 1) {
      throw new IllegalArgumentException("KlSchedule.linearWarmup: steps must be >= 1, got " + steps);
    }
    return step -> beta * Math.min(1.0, Math.max(0L, step) / (double) steps);
  }

  private static void requireFinite(double beta) {
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("KlSchedule: beta must be finite and >= 0, got " + beta);
    }
  }
}
