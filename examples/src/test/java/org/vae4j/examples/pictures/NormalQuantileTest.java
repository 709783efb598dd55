package org.vae4j.examples.pictures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalQuantileTest {
  @Test
  void matchesKnownQuantiles() {
    assertThat(NormalQuantile.of(0.5)).isCloseTo(0.0, within(1e-9));
    assertThat(NormalQuantile.of(0.975)).isCloseTo(1.959963984540054, within(1e-8));
    assertThat(NormalQuantile.of(0.025)).isCloseTo(-1.959963984540054, within(1e-8));
    assertThat(NormalQuantile.of(0.001)).isCloseTo(-3.090232306167813, within(1e-8));
    assertThat(NormalQuantile.of(0.8413447460685429)).isCloseTo(1.0, within(1e-8));
  }

  @Test
  void gridIsSymmetricAndIncreasing() {
    double[] g = NormalQuantile.grid(20);
    for (int i = 0; i < g.length; i++) {
      assertThat(g[i]).isCloseTo(-g[g.length - 1 - i], within(1e-9));
      if (i > 0) {
        assertThat(g[i]).isGreaterThan(g[i - 1]);
      }
    }
    assertThat(g[0]).isCloseTo(NormalQuantile.of(0.025), within(1e-12));
  }

  @Test
  void rejectsProbabilitiesOutsideTheOpenInterval() {
    assertThatThrownBy(() -> NormalQuantile.of(1.0)).hasMessageContaining("strictly between 0 and 1");
    assertThatThrownBy(() -> NormalQuantile.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
