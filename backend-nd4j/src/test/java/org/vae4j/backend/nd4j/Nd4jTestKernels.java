package org.vae4j.backend.nd4j;

import java.util.Set;
import org.vae4j.api.Device;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;

/** One ND4J backend per test JVM, started through the provider as a user would. */
final class Nd4jTestKernels {

  private static final Backend BACKEND = new Nd4jBackendProvider().create();

  private Nd4jTestKernels() {
  }

  static Kernels kernels() {
    return BACKEND.kernels(Device.CPU);
  }

  static Set<Capability> capabilities() {
    return BACKEND.capabilities();
  }

  static Backend backend() {
    return BACKEND;
  }
}
