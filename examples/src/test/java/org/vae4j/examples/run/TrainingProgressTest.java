package org.vae4j.examples.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {

  @Test
  void logLinesComeOncePerEpoch() {
    List<String> lines = new ArrayList<>();
    try (TrainingProgress p = new LogLineTrainingProgress(lines::add)) {
      for (int epoch = 1; epoch <= 2; epoch++) {
        p.startEpoch(epoch, 2, 1000);
        for (long done = 100; done <= 1000; done += 100) {
          p.step(done, 150.0 - done / 100.0);
        }
        p.endEpoch(new EpochStats(epoch, 2, 140.0 / epoch, epoch == 1 ? 130.5 : Double.NaN, 2.0, 500));
      }
    }
    assertThat(lines).containsExactly(
        "epoch 1/2: train loss 140.0, test loss 130.5, 2.0 s, 500 examples/s",
        "epoch 2/2: train loss 70.00, 2.0 s, 500 examples/s");
  }

  @Test
  void progressBarShowsEpochCountsRateAndLoss() {
    List<String> rendered = Collections.synchronizedList(new ArrayList<>());
    List<String> lines = new ArrayList<>();
    try (TrainingProgress p = new ProgressBarTrainingProgress(lines::add,
        new DelegatingProgressBarConsumer(rendered::add, 120))) {
      p.startEpoch(3, 10, 9000);
      p.step(4500, 123.456);
      p.endEpoch(new EpochStats(3, 10, 120.0, 118.0, 1.5, 6000));
    }
    assertThat(rendered).isNotEmpty();
    String last = rendered.get(rendered.size() - 1);
    assertThat(last).contains("epoch 3/10", "4500/9000", "ex/s loss 123.5");
    assertThat(lines).containsExactly("epoch 3/10: train loss 120.0, test loss 118.0, 1.5 s, 6000 examples/s");
  }

  @Test
  void stepBeforeStartIsAMistakeOfTheCaller() {
    try (TrainingProgress p = new ProgressBarTrainingProgress(s -> { }, new DelegatingProgressBarConsumer(s -> { }))) {
      assertThatThrownBy(() -> p.step(1, 1.0)).isInstanceOf(IllegalStateException.class)
          .hasMessage("progress: step(1) before startEpoch");
    }
  }

  @Test
  void epochOutsideTheRunIsRefused() {
    assertThatThrownBy(() -> new EpochStats(0, 5, 1, 1, 1, 1)).hasMessage("epoch 0 is outside [1, 5]");
  }
}
