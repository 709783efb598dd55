package org.vae4j.core.train;

import java.nio.file.Path;

/**
 * Receives a {@link Trainer}'s progress: for progress bars, metric files and logs. Every method has an
 * empty default. Methods run on the training thread between steps; they must not keep the tensors of a
 * batch (none are passed) and should return quickly.
 */
public interface TrainingListener {

  /** Once, before the first step of {@link Trainer#fit} (after a resume, with the restored position). */
  default void onStart(TrainingStart start) {
  }

  /** After every optimizer step (or skipped step, see {@link StepReport#skipped()}). */
  default void onStep(StepReport step) {
  }

  /** After each epoch, including its evaluation on the test set. */
  default void onEpoch(EpochReport epoch) {
  }

  /** After a checkpoint has been written completely to {@code file}. */
  default void onCheckpoint(Path file, long step) {
  }
}
