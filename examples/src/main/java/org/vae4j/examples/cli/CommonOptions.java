package org.vae4j.examples.cli;

import java.nio.file.Path;
import org.vae4j.api.Device;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of every command that loads data or computes: {@code --data}, {@code --seed}, {@code --backend},
 * {@code --device}, {@code --out}. Mix into a command with {@code @Mixin CommonOptions common;}. Values are
 * checked while parsing, except {@code --data} and {@code --backend}, which the command resolves (with
 * {@link org.vae4j.examples.data.Datasets} and the backend registry).
 */
public final class CommonOptions {

  @Option(names = "--data", paramLabel = "<name|dir>", defaultValue = "mnist-10k",
      description = "Data set: mnist-10k (built in), fashion-mnist (Debian package dataset-fashion-mnist) or a "
          + "directory of MNIST-layout IDX files. Default: ${DEFAULT-VALUE}.")
  private String data;

  @Option(names = "--seed", paramLabel = "<n>", defaultValue = "42",
      description = "Seed of every random draw; the same seed gives the same run. Default: ${DEFAULT-VALUE}.")
  private long seed;

  @Mixin
  private BackendOptions backendOptions;

  @Option(names = "--out", paramLabel = "<dir>",
      description = "Folder for this run's files; must not exist yet or be empty. Default: a new folder "
          + "runs/<model>-<date>-<time>.")
  private Path out;

  /** The {@code --data} value. */
  public String data() {
    return data;
  }

  /** The {@code --seed} value. */
  public long seed() {
    return seed;
  }

  /** The {@code --backend} value, or {@code null} to let the registry choose. */
  public String backend() {
    return backendOptions.backend();
  }

  /** The {@code --device} value, or {@code null} for the backend's default. */
  public Device device() {
    return backendOptions.device();
  }

  /** The {@code --out} value, or {@code null} for a new folder under {@code runs/}. */
  public Path out() {
    return out;
  }
}
