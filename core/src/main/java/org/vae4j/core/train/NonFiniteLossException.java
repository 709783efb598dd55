package org.vae4j.core.train;

/**
 * Thrown by {@link Trainer#fit} when a step's loss or gradient norm is NaN or infinite and the trainer
 * was not told to skip such steps. No checkpoint is written for the failed step: the last one on disk is
 * the last good state.
 */
public class NonFiniteLossException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long step;
  private final double value;

  NonFiniteLossException(long step, int epoch, int batchInEpoch, String quantity, double value, String advice) {
    super("training stopped at step " + step + " (epoch " + epoch + ", batch " + batchInEpoch + "): the "
        + quantity + " is " + value + ". " + advice);
    this.step = step;
    this.value = value;
  }

  /** The failing step, counted from 1. */
  public long step() {
    return step;
  }

  /** The non-finite value. */
  public double value() {
    return value;
  }
}
