package org.vae4j.examples.cli;

import org.vae4j.api.Device;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the commands that compute with trained models: {@code --backend}, {@code --device},
 * {@code --seed}. Mix into a command with {@code @Mixin ComputeOptions compute;} (as {@link ModelUseOptions}
 * does).
 */
public final class ComputeOptions {

  @Mixin
  private BackendOptions backendOptions;

  @Option(names = "--seed", paramLabel = "<n>",
      description = "Seed of the random draws. Default: the run's seed + 1, so that the draws differ from the "
          + "pictures training drew (compare: 42).")
  private Long seed;

  /** The {@code --backend} value, or null. */
  public String backend() {
    return backendOptions.backend();
  }

  /** The {@code --device} value, or null. */
  public Device device() {
    return backendOptions.device();
  }

  /** The {@code --seed} value, or {@code otherwise} when it was not given. */
  public long seed(long otherwise) {
    return seed != null ? seed : otherwise;
  }
}
