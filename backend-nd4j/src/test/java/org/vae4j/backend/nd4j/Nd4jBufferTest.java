package org.vae4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Kernels;

/**
 * Ownership: close frees native memory at once (seen in the process's resident memory, since libnd4j
 * allocates outside JavaCPP's counters), and shared memory outlives each sharer.
 */
class Nd4jBufferTest {
  private static final Shape BIG = Shape.of(2048, 4096);
  private static final long BIG_BYTES = 8L * 2048 * 4096;
  private final Kernels k = Nd4jTestKernels.kernels();

  @Test
  void closingFreesNativeMemoryWithoutTheGarbageCollector() {
    long before = Pointer.physicalBytes();
    Buffer b = k.full(BIG, DType.FLOAT64, 1);
    long held = Pointer.physicalBytes();
    b.close();
    long after = Pointer.physicalBytes();
    assertThat(held - before).as("resident growth while a 64 MiB buffer is open").isGreaterThan(BIG_BYTES * 3 / 4);
    assertThat(held - after).as("resident drop when it is closed").isGreaterThan(BIG_BYTES * 3 / 4);
    assertThat(b.isClosed()).isTrue();
    b.close();
  }

  @Test
  void aReshapeOutlivesItsSourceAndTheMemoryGoesWithTheLastSharer() {
    Buffer source = k.full(BIG, DType.FLOAT64, 2);
    Buffer reshaped = k.reshape(source, Shape.of(4096, 2048));
    Buffer same = k.cast(reshaped, DType.FLOAT64);
    source.close();
    assertThat(k.toDoubles(reshaped)[4096 * 2048 - 1]).isEqualTo(2);
    reshaped.close();
    try (Buffer one = k.slice(same, new int[] {4095, 2047}, new int[] {4096, 2048});
        Buffer sum = k.binary(BinaryOp.ADD, one, one)) {
      assertThat(k.toDoubles(sum)).containsExactly(4);
    }
    long held = Pointer.physicalBytes();
    same.close();
    assertThat(held - Pointer.physicalBytes()).as("resident drop when the last sharer closes")
        .isGreaterThan(BIG_BYTES * 3 / 4);
  }

  @Test
  void aClosedBufferIsRefusedWithAClearMessage() {
    Buffer b = k.fromFloats(new float[] {1}, Shape.of(1));
    b.close();
    assertThatThrownBy(() -> k.toFloats(b)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
