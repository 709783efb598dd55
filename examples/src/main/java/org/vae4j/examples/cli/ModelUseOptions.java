package org.vae4j.examples.cli;

import java.nio.file.Path;
import org.vae4j.api.Device;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the commands that use a trained model: {@code --run} and the {@link ComputeOptions}
 * ({@code --backend}, {@code --device}, {@code --seed}). Mix into a command with
 * {@code @Mixin ModelUseOptions use;}.
 */
public final class ModelUseOptions {

  @Option(names = "--run", paramLabel = "<dir|checkpoint>", required = true,
      description = "The run folder written by 'vae4j train' (or its model.safetensors).")
  private Path run;

  @Mixin
  private ComputeOptions compute;

  /** The {@code --run} value. */
  public Path run() {
    return run;
  }

  /** The {@code --backend} value, or null. */
  public String backend() {
    return compute.backend();
  }

  /** The {@code --device} value, or null. */
  public Device device() {
    return compute.device();
  }

  /** The {@code --seed} value. */
  public long seed() {
    return compute.seed();
  }
}
