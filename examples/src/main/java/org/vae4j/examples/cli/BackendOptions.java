package org.vae4j.examples.cli;

import org.vae4j.api.Device;
import picocli.CommandLine.Option;

/**
 * {@code --backend} and {@code --device}, the same on every command that computes: mixed into
 * {@link CommonOptions}, {@link ComputeOptions} and {@code serve}. Both may be absent (null), and then
 * {@code Backends.kernels} chooses by its rules.
 */
public final class BackendOptions {
  @Option(names = "--backend", paramLabel = "<name>",
      description = "Compute backend: pure, nd4j or djl. Default: the system property vae4j.backend, the "
          + "environment variable VAE4J_BACKEND, else the best one available.")
  private String backend;

  @Option(names = "--device", paramLabel = "<cpu|gpu[:N]>", converter = Converters.DeviceConverter.class,
      description = "Device to compute on: cpu, gpu (the first GPU) or gpu:N. Default: the system property "
          + "vae4j.device, the environment variable VAE4J_DEVICE, else the backend's default.")
  private Device device;

  /** The {@code --backend} value, or {@code null} to let the registry choose. */
  public String backend() {
    return backend;
  }

  /** The {@code --device} value, or {@code null} for the backend's default. */
  public Device device() {
    return device;
  }
}
