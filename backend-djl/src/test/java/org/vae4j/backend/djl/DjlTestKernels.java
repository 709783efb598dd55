package org.vae4j.backend.djl;

import ai.djl.engine.Engine;
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

  private static final DjlKernels COMPOSED = new DjlKernels(Engine.getEngine("PyTorch"), Device.CPU, false);

  static DjlKernels cpu() {
    return (DjlKernels) BACKEND.kernels(Device.CPU);
  }

  /** CPU kernels without {@link TorchScriptOps}: what runs where libtorch cannot load that module. */
  static DjlKernels cpuWithoutLibtorchOps() {
    return COMPOSED;
  }
}
