package org.vae4j.examples.cli;

import java.nio.file.Path;
import org.vae4j.examples.train.BareCheckpoint;
import org.vae4j.api.Device;
import picocli.CommandLine.Option;

/**
 * Options of the commands that use a trained model: {@code --run}, {@code --backend}, {@code --device},
 * {@code --seed}, and for a bare checkpoint (one without {@code run.json} beside it) the model's options
 * {@code --model}, {@code --latent}, {@code --hidden}, {@code --data}. Mix into a command with
 * {@code @Mixin ModelUseOptions use;}.
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

  @Option(names = "--seed", paramLabel = "<n>",
      description = "Seed of the random draws. Default: the run's seed + 1, so that they differ from the "
          + "pictures training drew.")
  private Long seed;

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

  @Option(names = "--data", paramLabel = "<name|dir>", defaultValue = "mnist-10k",
      description = "For a bare checkpoint: the data set it was trained on (its image size and classes, and "
          + "the images to reconstruct or encode). Default: ${DEFAULT-VALUE}.")
  private String data;

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

  /** The {@code --seed} value, else {@code runSeed + 1}. */
  public long seed(long runSeed) {
    return seed != null ? seed : runSeed + 1;
  }

  /** The model options of a bare checkpoint, or null when {@code --model} was not given. */
  public BareCheckpoint bareCheckpoint() {
    return model == null ? null : new BareCheckpoint(model, latent, hidden, data);
  }
}
