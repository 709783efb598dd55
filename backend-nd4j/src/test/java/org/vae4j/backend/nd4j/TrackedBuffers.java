package org.vae4j.backend.nd4j;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Kernels;

/** Base of the focused tests: the ND4J kernels, and buffers made inline that are closed after each test. */
abstract class TrackedBuffers {
  protected final Kernels k = Nd4jTestKernels.kernels();
  private final List<Buffer> made = new ArrayList<>();

  /** Closes {@code b} after the test. */
  protected <T extends Buffer> T track(T b) {
    made.add(b);
    return b;
  }

  @AfterEach
  void closeTracked() {
    made.forEach(Buffer::close);
    made.clear();
  }
}
