package org.vae4j.backend.pure;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vae4j.api.Device;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;

/**
 * The pure-Java backend: one device (the CPU), FLOAT64 support and the fused linear, BCE-with-logits and Adam
 * kernels.
 * Thread-safe.
 */
public final class PureBackend implements Backend {
  static final String NAME = "pure";
  static final Set<Capability> CAPABILITIES =
      Set.copyOf(EnumSet.of(Capability.FLOAT64, Capability.FUSED_LINEAR, Capability.FUSED_ADAM,
          Capability.FUSED_BCE_WITH_LOGITS, Capability.FUSED_LOG_SOFTMAX));

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
    return CAPABILITIES;
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
