package org.vae4j.core.train;

/**
 * Thrown by {@link Trainer#fit} when a step's loss or gradient norm, the evaluation loss, or a parameter or
 * optimizer state about to be checkpointed is NaN or infinite (a step's loss and gradient norm only when the
 * trainer was not told to skip such steps). Nothing non-finite is written: the last checkpoint on disk,
 * which the message names (or says there is none), holds the last good state.
 *
 * <p>The message is {@link #problem()}, {@link #checkpointState()} and advice on the builder's options; a
 * command line that offers those options under other names composes its own from the first two.
 */
public class NonFiniteLossException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final String ADVICE = "Lower the learning rate, clip gradients (TrainerBuilder.clipGradientNorm)"
      + " or skip non-finite steps (TrainerBuilder.skipNonFinite)";

  private final long step;
  private final double value;
  private final String problem;
  private final String checkpointState;
  private final boolean skippable;

  NonFiniteLossException(String problem, String checkpointState, long step, double value, boolean skippable) {
    super(problem + ". " + capitalized(checkpointState) + ". " + ADVICE);
    this.problem = problem;
    this.checkpointState = checkpointState;
    this.step = step;
    this.value = value;
    this.skippable = skippable;
  }

  /**
   * True when a step's loss or gradient norm was not finite, which {@code skipNonFinite} would have skipped;
   * false for an evaluation loss or parameters that are not finite, which skipping cannot avoid.
   */
  public boolean skippable() {
    return skippable;
  }

  /** The failing step (counted from 1), or the steps done when evaluation or a checkpoint found the values. */
  public long step() {
    return step;
  }

  /** The non-finite value (the first one, for a tensor). */
  public double value() {
    return value;
  }

  /**
   * What went wrong and where, counting epochs and batches from 1 as the log does, e.g. {@code training
   * stopped at step 8 (epoch 2 of 3, batch 3 of 5): the loss is NaN}.
   */
  public String problem() {
    return problem;
  }

  /**
   * Which checkpoint holds the last good state, e.g. {@code the last checkpoint, run/model.safetensors, holds
   * step 5, the end of epoch 1 of 3, and was left as it was}, or {@code no checkpoint was written in this run}.
   */
  public String checkpointState() {
    return checkpointState;
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
