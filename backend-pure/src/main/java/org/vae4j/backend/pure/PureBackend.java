package org.vae4j.backend.pure;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vae4j.api.Device;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;

/** The pure-Java backend: one device (the CPU) and FLOAT64 support. Thread-safe. */
public final class PureBackend implements Backend {
  static final String NAME = "pure";

  private final PureKernels kernels = new PureKernels();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Device> devices() {
    return List.of(Device.CPU);
  }

  @Override
  public Device defaultDevice() {
    return Device.CPU;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.copyOf(EnumSet.of(Capability.FLOAT64));
  }

  @Override
  public Kernels kernels(Device device) {
    if (!Device.CPU.equals(device)) {
      throw new IllegalArgumentException("pure backend: device " + device + " is not available; devices: "
          + devices() + " (use a GPU through the djl backend)");
    }
    return kernels;
  }

  @Override
  public String describe() {
    return NAME + ": " + Parallel.threads() + " threads, matmul: " + Gemms.describe();
  }
}
