package org.vae4j.examples.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a person how training goes. A trainer calls, for each epoch, {@link #startEpoch}, then
 * {@link #step} after each minibatch, then {@link #endEpoch}; and {@link #close} when the run ends.
 * Progress is counted in training examples (images), so the rate shown is examples per second.
 *
 * <p>Implementations are not thread-safe: drive one from the training thread.
 */
public interface TrainingProgress extends AutoCloseable {

  /**
   * An epoch begins.
   *
   * @param epoch         this epoch, from 1
   * @param epochs        epochs in the whole run
   * @param totalExamples training examples this epoch will see
   */
  void startEpoch(int epoch, int epochs, long totalExamples);

  /**
   * Training has gone through {@code examplesDone} examples of this epoch (a running total, not an
   * increment); {@code runningLoss} is the mean loss over them.
   */
  void step(long examplesDone, double runningLoss);

  /** The epoch has ended with these figures. */
  void endEpoch(EpochStats stats);

  /** Finishes any display; calling it twice is harmless. */
  @Override
  void close();

  /**
   * A progress bar with epoch, ETA, examples per second and running loss on stderr when this JVM has a
   * console; otherwise (output redirected to a file or pipe) one log line per epoch. Either way the line of
   * each finished epoch is logged at INFO.
   */
  static TrainingProgress forThisTerminal() {
    Logger log = LoggerFactory.getLogger(TrainingProgress.class);
    return System.console() != null ? new ProgressBarTrainingProgress(log::info, null)
        : new LogLineTrainingProgress(log::info);
  }
}
