package org.vae4j.examples.app;

import org.vae4j.api.Device;
import org.vae4j.api.spi.Backend;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.Backends;
import org.vae4j.core.BackendSelectionException;

/**
 * Resolves {@code --backend} and {@code --device} to kernels. Once they are found, a named backend and device
 * are also written to the system properties {@code vae4j.backend} / {@code vae4j.device} (and core's cached
 * default is reset), so that
 * anything using {@link Backends#defaultKernels()} computes on the same backend and device. Without a name
 * the registry chooses (system property, environment, else priority). Not thread-safe: call it once, before
 * the first tensor is made.
 */
public final class BackendChoice {
  private BackendChoice() {
  }

  /**
   * The kernels of {@code backend} (or the registry's choice when null) on {@code device} (or, when null,
   * the device named by {@code vae4j.device} / {@code VAE4J_DEVICE}, else the backend's default).
   *
   * @throws BackendSelectionException naming the backends found when the backend is unknown or fails to start,
   *                                   or naming the backend's devices when it lacks {@code device}
   */
  public static Kernels kernels(String backend, Device device) {
    Backend b = backend != null ? Backends.get(backend) : Backends.selected();
    Device d = device != null ? device : requestedDevice(b);
    if (!b.devices().contains(d)) {
      throw new BackendSelectionException("--device " + d + ": backend '" + b.name() + "' has only the devices "
          + b.devices() + "; give one of them, or a backend that has " + d + " (see 'vae4j backends')", null);
    }
    Kernels kernels = b.kernels(d);
    if (backend != null) {
      System.setProperty("vae4j.backend", b.name());
    }
    if (device != null) {
      System.setProperty("vae4j.device", d.toString());
    }
    Backends.resetDefault();
    return kernels;
  }

  private static Device requestedDevice(Backend b) {
    String asked = System.getProperty("vae4j.device");
    if (asked == null || asked.isBlank()) {
      asked = System.getenv("VAE4J_DEVICE");
    }
    return asked == null || asked.isBlank() ? b.defaultDevice() : Device.parse(asked.trim());
  }
}
