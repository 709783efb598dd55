package org.vae4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void constant() {
    assertThat(LearningRateSchedule.constant(0.01).rate(12345)).isEqualTo(0.01);
  }

  @Test
  void stepDecayMultipliesByGammaEveryInterval() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(1.0, 10, 0.5);
    assertThat(s.rate(0)).isEqualTo(1.0);
    assertThat(s.rate(9)).isEqualTo(1.0);
    assertThat(s.rate(10)).isEqualTo(0.5);
    assertThat(s.rate(25)).isEqualTo(0.25);
  }

  @Test
  void exponentialDecaysEveryStep() {
    LearningRateSchedule s = LearningRateSchedule.exponential(0.1, 0.9);
    assertThat(s.rate(0)).isEqualTo(0.1);
    assertThat(s.rate(2)).isCloseTo(0.081, within(1e-15));
  }

  @Test
  void cosineGoesFromRateToMinimumAndStays() {
    LearningRateSchedule s = LearningRateSchedule.cosine(1.0, 100, 0.1);
    assertThat(s.rate(0)).isEqualTo(1.0);
    assertThat(s.rate(50)).isCloseTo(0.55, within(1e-12));
    assertThat(s.rate(100)).isEqualTo(0.1);
    assertThat(s.rate(1000)).isEqualTo(0.1);
    assertThat(s.rate(25)).isCloseTo(0.1 + 0.9 * (1 + Math.cos(Math.PI / 4)) / 2, within(1e-12));
  }

  @Test
  void linearWarmupRisesThenHandsOver() {
    LearningRateSchedule s = LearningRateSchedule.linearWarmup(4, LearningRateSchedule.stepDecay(0.8, 2, 0.5));
    assertThat(s.rate(0)).isCloseTo(0.2, within(1e-15));
    assertThat(s.rate(1)).isCloseTo(0.4, within(1e-15));
    assertThat(s.rate(3)).isCloseTo(0.8, within(1e-15));
    assertThat(s.rate(4)).isEqualTo(0.8);
    assertThat(s.rate(6)).isEqualTo(0.4);
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> LearningRateSchedule.constant(0)).hasMessage(
        "constant: rate must be a positive finite number, got 0.0");
    assertThatThrownBy(() -> LearningRateSchedule.cosine(0.1, 10, 0.5))
        .hasMessageContaining("0 <= minRate <= rate");
    assertThatThrownBy(() -> LearningRateSchedule.stepDecay(0.1, 0, 0.5)).hasMessageContaining("everySteps");
  }
}
