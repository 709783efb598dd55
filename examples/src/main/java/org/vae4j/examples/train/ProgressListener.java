package org.vae4j.examples.train;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.core.train.EpochReport;
import org.vae4j.core.train.StepReport;
import org.vae4j.core.train.TrainingListener;
import org.vae4j.core.train.TrainingStart;
import org.vae4j.examples.run.EpochStats;
import org.vae4j.examples.run.MetricsCsv;
import org.vae4j.examples.run.TrainingProgress;

/**
 * Feeds a {@link org.vae4j.core.train.Trainer}'s reports to a person and to the run's files: the
 * {@link TrainingProgress} display (a bar per epoch, or a line per epoch), one {@link MetricsCsv} row per
 * epoch, and the epochs' figures for the loss plot and summary. Runs on the training thread; not thread-safe.
 */
public final class ProgressListener implements TrainingListener {
  private final TrainingProgress progress;
  private final MetricsCsv metrics;
  private final List<EpochStats> epochs = new ArrayList<>();
  private int totalEpochs;
  private int examplesPerEpoch;
  private int shownEpoch = -1;

  /** Reports to {@code progress} and appends to {@code metrics}; closes neither. */
  public ProgressListener(TrainingProgress progress, MetricsCsv metrics) {
    this.progress = progress;
    this.metrics = metrics;
  }

  @Override
  public void onStart(TrainingStart start) {
    totalEpochs = start.epochs();
    examplesPerEpoch = start.examples();
  }

  @Override
  public void onStep(StepReport step) {
    if (step.epoch() != shownEpoch) {
      shownEpoch = step.epoch();
      progress.startEpoch(step.epoch() + 1, totalEpochs, examplesPerEpoch);
    }
    progress.step(step.examplesDone(), step.runningLoss());
  }

  @Override
  public void onEpoch(EpochReport report) {
    EpochStats stats = new EpochStats(report.epoch() + 1, totalEpochs, report.trainLoss(), report.testLoss(),
        report.seconds(), report.examplesPerSecond());
    epochs.add(stats);
    metrics.append(stats);
    progress.endEpoch(stats);
  }

  /** The epochs finished so far in this process, in order. */
  public List<EpochStats> epochs() {
    return List.copyOf(epochs);
  }
}
