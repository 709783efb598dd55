package org.vae4j.examples.cli;

import java.nio.file.Path;
import org.vae4j.api.Device;
import picocli.CommandLine.Option;

/**
 * Options of the commands that use a trained model: {@code --run}, {@code --backend}, {@code --device},
 * {@code --seed}. Mix into a command with {@code @Mixin ModelUseOptions use;}.
 */
public final class ModelUseOptions {

  @Option(names = "--run", paramLabel = "<dir|checkpoint>", required = true,
      description = "The run folder written by 'vae4j train' (or its model.safetensors).")
  private Path run;

  @Option(names = "--backend", paramLabel = "<name>",
      description = "Compute backend: pure, nd4j or djl. Default: the registry's choice.")
  private String backend;

  @Option(names = "--device", paramLabel = "<cpu|gpu[:N]>", converter = Converters.DeviceConverter.class,
      description = "Device: cpu, gpu or gpu:N. Default: the backend's default.")
  private Device device;

  @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42",
      description = "Seed of the random draws. Default: ${DEFAULT-VALUE}.")
  private long seed;

  /** The {@code --run} value. */
  public Path run() {
    return run;
  }

  /** The {@code --backend} value, or null. */
  public String backend() {
    return backend;
  }

  /** The {@code --device} value, or null. */
  public Device device() {
    return device;
  }

  /** The {@code --seed} value. */
  public long seed() {
    return seed;
  }
}
