package org.vae4j.examples.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.core.train.EpochReport;
import org.vae4j.core.train.StepReport;
import org.vae4j.core.train.TrainingStart;
import org.vae4j.examples.run.EpochStats;
import org.vae4j.examples.run.MetricsCsv;
import org.vae4j.examples.run.TrainingProgress;

class ProgressListenerTest {
  @TempDir
  Path dir;

  /** Records the calls it gets. */
  private static final class Recording implements TrainingProgress {
    final List<String> calls = new ArrayList<>();

    @Override
    public void startEpoch(int epoch, int epochs, long totalExamples) {
      calls.add("start " + epoch + "/" + epochs + " of " + totalExamples);
    }

    @Override
    public void step(long examplesDone, double runningLoss) {
      calls.add("step " + examplesDone + " " + runningLoss);
    }

    @Override
    public void endEpoch(EpochStats stats) {
      calls.add("end " + stats.epoch());
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }

  @Test
  void trainerReportsDriveTheDisplayAndTheMetricsFile() throws Exception {
    Recording progress = new Recording();
    Path file = dir.resolve("metrics.csv");
    try (MetricsCsv csv = MetricsCsv.create(file)) {
      ProgressListener l = new ProgressListener(progress, csv);
      // a run resumed in the middle of its second epoch (of 3): the first step shown is batch 1 of epoch 1
      l.onStart(new TrainingStart(3, 2, 1, 3, 100));
      l.onStep(new StepReport(4, 1, 1, 90, 90, 50, 1e-3, Double.NaN, false));
      l.onEpoch(new EpochReport(1, 4, 90, 88, 2.0, 25, 0));
      l.onStep(new StepReport(5, 2, 0, 80, 80, 50, 1e-3, Double.NaN, false));
      l.onStep(new StepReport(6, 2, 1, 70, 75, 100, 1e-3, Double.NaN, false));
      l.onEpoch(new EpochReport(2, 6, 75, 74, 4.0, 25, 0));
      assertThat(l.epochs()).extracting(EpochStats::epoch).containsExactly(2, 3);
    }
    assertThat(progress.calls).containsExactly("start 2/3 of 100", "step 50 90.0", "end 2", "start 3/3 of 100",
        "step 50 80.0", "step 100 75.0", "end 3");
    assertThat(Files.readAllLines(file)).containsExactly(MetricsCsv.HEADER, "2,90,88,2,25", "3,75,74,4,25");
  }
}
