package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;

/**
 * Closing buffers returns libtorch's memory: 2,000 rounds that each make and close 1 MiB of tensors must not
 * grow the resident set by anything near the 2 GiB they would hold if closing freed nothing.
 */
class NativeMemoryReleaseTest {

  @Test
  void closingBuffersFreesTheirNativeMemory() {
    DjlKernels k = DjlTestKernels.cpu();
    float[] data = new float[256 * 512];
    int tensorsBefore = k.liveTensors();
    rounds(k, data, 200);
    long before = NativeMemory.residentMiB();
    rounds(k, data, 2000);
    long after = NativeMemory.residentMiB();
    assertThat(k.liveTensors()).isEqualTo(tensorsBefore);
    if (before >= 0) {
      assertThat(after - before).as("resident set growth in MiB over 2,000 rounds (%d -> %d)", before, after)
          .isLessThan(100);
    }
  }

  private static void rounds(DjlKernels k, float[] data, int n) {
    for (int i = 0; i < n; i++) {
      try (Buffer a = k.fromFloats(data, Shape.of(256, 512));
          Buffer b = k.binary(BinaryOp.ADD, a, a)) {
        assertThat(b.shape()).isEqualTo(Shape.of(256, 512));
      }
    }
  }
}
