package org.vae4j.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
  @Test
  void peaksCoverWhatIsHeldAfterAReset() {
    ProcessMemory.resetPeaks();
    byte[][] held = new byte[64][];
    for (int i = 0; i < held.length; i++) {
      held[i] = new byte[1 << 20];
      held[i][i] = 1;
    }
    assertThat(ProcessMemory.peakHeapBytes()).isGreaterThanOrEqualTo(64L << 20);
    if (ProcessMemory.residentBytes() > 0) {
      assertThat(ProcessMemory.peakResidentBytes()).isGreaterThanOrEqualTo(ProcessMemory.residentBytes() / 2);
    }
    assertThat(held[63][63]).isEqualTo((byte) 1);
  }
}
