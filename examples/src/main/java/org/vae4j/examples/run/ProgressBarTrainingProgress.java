package org.vae4j.examples.run;

import java.util.Locale;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Progress for a terminal: one progress bar per epoch (task {@code epoch 3/10}, percentage, elapsed time and
 * ETA, examples per second, running loss), and the epoch's line once it ends. Not thread-safe; the bar
 * redraws itself from a timer thread of the progressbar library.
 */
public final class ProgressBarTrainingProgress implements TrainingProgress {
  private final Consumer<String> lines;
  private final ProgressBarConsumer display;
  private ProgressBar bar;

  /**
   * Progress drawn on {@code display}, or on stderr when it is {@code null}; each finished epoch's line
   * goes to {@code lines}.
   */
  public ProgressBarTrainingProgress(Consumer<String> lines, ProgressBarConsumer display) {
    this.lines = lines;
    this.display = display;
  }

  @Override
  public void startEpoch(int epoch, int epochs, long totalExamples) {
    closeBar();
    ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs)
        .setInitialMax(totalExamples).setUnit(" ex", 1).showSpeed().setUpdateIntervalMillis(250)
        .setMaxRenderedLength(120);
    if (display != null) {
      builder.setConsumer(display);
    }
    bar = builder.build();
  }

  @Override
  public void step(long examplesDone, double runningLoss) {
    if (bar == null) {
      throw new IllegalStateException("progress: step(" + examplesDone + ") before startEpoch");
    }
    bar.stepTo(examplesDone);
    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4g", runningLoss));
  }

  @Override
  public void endEpoch(EpochStats stats) {
    closeBar();
    lines.accept(stats.describe());
  }

  @Override
  public void close() {
    closeBar();
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
