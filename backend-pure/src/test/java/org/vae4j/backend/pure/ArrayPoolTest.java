package org.vae4j.backend.pure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;

/** Closed buffers' arrays come back for buffers of the same length, once each, and abandoned ones never. */
class ArrayPoolTest {
  private static final int N = ArrayPool.MIN_LENGTH + 17;

  @Test
  void aClosedBuffersArrayIsReusedOnceAndZeroedWhereAsked() {
    PureBuffer b = PureBuffer.zeros(Shape.of(N), DType.FLOAT32);
    float[] array = b.floats("test");
    array[3] = 7f;
    b.close();
    b.close();
    float[] again = ArrayPool.floats(N);
    float[] other = ArrayPool.floats(N);
    assertThat(again).isSameAs(array);
    assertThat(other).isNotSameAs(array);
    ArrayPool.release(again);
    assertThat((float[]) ArrayPool.zeroed(DType.FLOAT32, N)).isSameAs(array).containsOnly(0f);
  }

  @Test
  void anAbandonedBufferIsLeftToTheCollectorAndSmallArraysAreNotKept() {
    PureBuffer b = PureBuffer.zeros(Shape.of(N + 1), DType.FLOAT64);
    double[] array = b.doubles("test");
    b.abandon();
    assertThat(b.isClosed()).isTrue();
    b.close();
    assertThat(ArrayPool.doubles(N + 1)).isNotSameAs(array);
    int[] small = new int[ArrayPool.MIN_LENGTH - 1];
    ArrayPool.release(small);
    assertThat(ArrayPool.ints(small.length)).isNotSameAs(small);
  }

  @Test
  void thePoolKeepsAtMostItsShareOfTheHeap() {
    int n = 1 << 20;
    long before = ArrayPool.pooledBytes();
    for (int i = 0; i < ArrayPool.PER_LENGTH + 5; i++) {
      ArrayPool.release(new float[n]);
    }
    assertThat(ArrayPool.pooledBytes() - before).isLessThanOrEqualTo(4L * n * ArrayPool.PER_LENGTH);
    assertThat(ArrayPool.pooledBytes()).isLessThanOrEqualTo(ArrayPool.LIMIT_BYTES);
    for (int i = 0; i < ArrayPool.PER_LENGTH + 5; i++) {
      ArrayPool.floats(n);
    }
    assertThat(ArrayPool.pooledBytes()).isEqualTo(before);
  }
}
