package org.vae4j.backend.djl;

import org.vae4j.api.Device;
import org.vae4j.api.spi.Backend;

/** One djl backend per test JVM (loading libtorch takes seconds), and its CPU kernels. */
final class DjlTestKernels {
  private static final Backend BACKEND = new DjlBackendProvider().create();

  private DjlTestKernels() {
  }

  static Backend backend() {
    return BACKEND;
  }

  static DjlKernels cpu() {
    return (DjlKernels) BACKEND.kernels(Device.CPU);
  }
}
