package org.vae4j.examples.cli;

import java.nio.file.Path;
import org.vae4j.api.Device;
import org.vae4j.examples.train.BareCheckpoint;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options of the commands that use a trained model: {@code --run}, {@code --backend}, {@code --device},
 * {@code --seed} (the {@link ComputeOptions}), and for a bare checkpoint (one without {@code run.json} beside it) the model's options
 * {@code --model}, {@code --latent}, {@code --hidden}, {@code --data}. Mix into a command with
 * {@code @Mixin ModelUseOptions use;}.
 */
public final class ModelUseOptions {

  @Option(names = "--run", paramLabel = "<dir|checkpoint>", required = true,
      description = "The run folder written by 'vae4j train' (or its model.safetensors).")
  private Path run;

  @Mixin
  private ComputeOptions compute;

  @Option(names = "--model", paramLabel = "<kind>",
      description = "For a bare checkpoint without run.json beside it: the model it holds (vae, cvae, convvae, "
          + "vqvae, ...), with --latent, --hidden and --data as it was trained.")
  private String model;

  @Option(names = "--latent", paramLabel = "<n>", defaultValue = "20", converter = Converters.PositiveInt.class,
      description = "For a bare checkpoint: latent dimensions. Default: ${DEFAULT-VALUE}.")
  private int latent;

  @Option(names = "--hidden", paramLabel = "<n>", defaultValue = "400", split = ",",
      converter = Converters.PositiveInt.class,
      description = "For a bare checkpoint: hidden widths, comma-separated. Default: ${DEFAULT-VALUE}.")
  private int[] hidden;

  @Option(names = "--data", paramLabel = "<name|dir>",
      description = "For a bare checkpoint: the data set it was trained on (its image size and classes, and "
          + "the images to reconstruct or encode); for complete: the data set whose test images to complete. "
          + "Default: the run's (mnist-10k for a bare checkpoint).")
  private String data;

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

  /** The {@code --seed} value, else {@code runSeed + 1}. */
  public long seed(long runSeed) {
    return compute.seed(runSeed + 1);
  }

  /** The model options of a bare checkpoint, or null when {@code --model} was not given. */
  public BareCheckpoint bareCheckpoint() {
    return model == null ? null : new BareCheckpoint(model, latent, hidden, data != null ? data : "mnist-10k");
  }

  /** The {@code --data} value, or null when not given. */
  public String data() {
    return data;
  }
}
