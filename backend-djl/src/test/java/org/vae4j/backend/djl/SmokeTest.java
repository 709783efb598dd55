package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;

class SmokeTest {
  @Test
  void adds() {
    DjlKernels k = DjlTestKernels.cpu();
    System.out.println(DjlTestKernels.backend().describe());
    try (Buffer a = k.fromFloats(new float[] {1, 2, 3}, Shape.of(3));
        Buffer b = k.fromFloats(new float[] {10}, Shape.of(1));
        Buffer c = k.binary(BinaryOp.ADD, a, b)) {
      assertThat(k.toFloats(c)).containsExactly(11, 12, 13);
      assertThat(c.shape()).isEqualTo(Shape.of(3));
    }
    assertThat(k.liveTensors()).isZero();
  }
}
