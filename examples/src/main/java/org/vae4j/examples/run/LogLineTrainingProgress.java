package org.vae4j.examples.run;

import java.util.function.Consumer;

/** Progress for logs and pipes: nothing during an epoch, one line when it ends. Not thread-safe. */
public final class LogLineTrainingProgress implements TrainingProgress {
  private final Consumer<String> lines;

  /** Progress that hands each epoch's line to {@code lines} (a logger, a list in tests). */
  public LogLineTrainingProgress(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public void startEpoch(int epoch, int epochs, long totalExamples) {
    // the line comes at the end of the epoch
  }

  @Override
  public void step(long examplesDone, double runningLoss) {
    // nothing between epoch lines: a log file gets one line per epoch
  }

  @Override
  public void endEpoch(EpochStats stats) {
    lines.accept(stats.describe());
  }

  @Override
  public void close() {
    // nothing held
  }
}
