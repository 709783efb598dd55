package org.vae4j.core.optim;

/**
 * The learning rate as a function of the optimizer's step index (0 for the first step). Because it
 * depends on the step count alone, a restored step count restores the rate. Implementations are pure
 * functions and thread-safe.
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /** The rate for the step with index {@code step} (0-based). */
  double rate(long step);

  /** The same rate at every step. */
  static LearningRateSchedule constant(double rate) {
    requirePositive("constant", "rate", rate);
    return step -> rate;
  }

  /** {@code rate * gamma^floor(step / everySteps)}, as PyTorch's StepLR stepped once per optimizer step. */
  static LearningRateSchedule stepDecay(double rate, long everySteps, double gamma) {
    requirePositive("stepDecay", "rate", rate);
    if (everySteps <= 0) {
      throw new IllegalArgumentException("stepDecay: everySteps must be > 0, got " + everySteps);
    }
    return step -> rate * Math.pow(gamma, (double) (step / everySteps));
  }

  /** {@code rate * gamma^step}, as PyTorch's ExponentialLR stepped once per optimizer step. */
  static LearningRateSchedule exponential(double rate, double gamma) {
    requirePositive("exponential", "rate", rate);
    return step -> rate * Math.pow(gamma, (double) step);
  }

  /**
   * Cosine annealing from {@code rate} at step 0 to {@code minRate} at step {@code totalSteps}, as
   * PyTorch's CosineAnnealingLR: {@code minRate + (rate - minRate) * (1 + cos(pi * step / totalSteps)) / 2};
   * it stays at {@code minRate} after {@code totalSteps}.
   */
  static LearningRateSchedule cosine(double rate, long totalSteps, double minRate) {
    requirePositive("cosine", "rate", rate);
    if (totalSteps <= 0 || minRate < 0 || minRate > rate) {
      throw new IllegalArgumentException("cosine: need totalSteps > 0 and 0 <= minRate <= rate, got totalSteps="
          + totalSteps + ", rate=" + rate + ", minRate=" + minRate);
    }
    return step -> step >= totalSteps ? minRate
        : minRate + (rate - minRate) * (1 + Math.cos(Math.PI * step / totalSteps)) / 2;
  }

  /**
   * A linear warm-up over {@code warmupSteps} steps followed by {@code then}: step {@code s < warmupSteps}
   * uses {@code then.rate(0) * (s + 1) / warmupSteps}; step {@code s >= warmupSteps} uses
   * {@code then.rate(s - warmupSteps)}, so {@code then} starts where the warm-up ends.
   */
  static LearningRateSchedule linearWarmup(long warmupSteps, LearningRateSchedule then) {
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("linearWarmup: warmupSteps must be >= 0, got " + warmupSteps);
    }
    return step -> step < warmupSteps ? then.rate(0) * (step + 1) / warmupSteps : then.rate(step - warmupSteps);
  }

  private static void requirePositive(String schedule, String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(schedule + ": " + name + " must be a positive finite number, got "
          + value);
    }
  }
}
