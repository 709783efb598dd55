package org.vae4j.examples.app;

import org.vae4j.api.Device;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.BackendSelectionException;
import org.vae4j.core.Backends;

/** Resolves {@code --backend} and {@code --device} to kernels through core's one resolution path. */
public final class BackendChoice {
  private BackendChoice() {
  }

  /**
   * The kernels of {@code backend} (or the registry's choice when null) on {@code device} (or, when null,
   * the device named by {@code vae4j.device} / {@code VAE4J_DEVICE}, else the backend's default): exactly
   * {@link Backends#kernels(String, Device)}.
   *
   * @throws BackendSelectionException naming the backends found when the backend is unknown or fails to
   *     start, or naming the backend's devices when it lacks {@code device}
   */
  public static Kernels kernels(String backend, Device device) {
    return Backends.kernels(backend, device);
  }
}
