package org.vae4j.examples.cli;

import java.nio.file.Path;
import org.vae4j.examples.train.ModelRecipe;
import picocli.CommandLine.Option;

/**
 * Options of the commands that train a model: {@code --epochs}, {@code --batch}, {@code --latent},
 * {@code --hidden}, {@code --lr}, {@code --clip-grad-norm}, {@code --skip-non-finite}, {@code --resume},
 * {@code --binarize}. Mix into a command with {@code @Mixin TrainingOptions training;} next to
 * {@link CommonOptions}. Every value is checked while parsing: sizes are whole numbers of at least 1, the
 * learning rate a finite number above 0, the clipping norm a finite number of at least 0, and
 * {@code --resume} an existing path.
 */
public final class TrainingOptions {

  @Option(names = "--epochs", paramLabel = "<n>", converter = Converters.PositiveInt.class,
      description = "Passes over the training set. Default: 10; 3 for gated-pixelcnn and pixelrnn.")
  private Integer epochs;

  @Option(names = "--batch", paramLabel = "<n>", converter = Converters.PositiveInt.class,
      description = "Images per minibatch. Default: 128; 32 for gated-pixelcnn and pixelrnn.")
  private Integer batch;

  @Option(names = "--latent", paramLabel = "<n>", defaultValue = "20", converter = Converters.PositiveInt.class,
      description = "Dimensions of the latent code (2 gives the latent manifold picture). "
          + "Default: ${DEFAULT-VALUE}.")
  private int latent;

  @Option(names = "--hidden", paramLabel = "<n>", defaultValue = "400", split = ",",
      converter = Converters.PositiveInt.class,
      description = "Width of each hidden layer, comma-separated (e.g. 512,256). Default: ${DEFAULT-VALUE}.")
  private int[] hidden;

  @Option(names = "--lr", paramLabel = "<rate>", defaultValue = "1e-3", converter = Converters.PositiveDouble.class,
      description = "Learning rate of the optimizer. Default: ${DEFAULT-VALUE}.")
  private double lr;

  @Option(names = "--clip-grad-norm", paramLabel = "<max>", defaultValue = "0",
      converter = Converters.NonNegativeDouble.class,
      description = "Scale the gradients down to this global norm before each update when it is larger (0: no "
          + "clipping). Default: ${DEFAULT-VALUE}.")
  private double clipGradNorm;

  @Option(names = "--skip-non-finite", negatable = true,
      description = "Skip a step whose loss or gradient is NaN or infinite (counted and logged) instead of "
          + "stopping the run; --no-skip-non-finite turns it off again when resuming a run that skipped.")
  private boolean skipNonFinite;

  @Option(names = "--resume", paramLabel = "<checkpoint|dir>", converter = Converters.ExistingPath.class,
      description = {"Continue training from this checkpoint, or from the last checkpoint of this run folder, into "
          + "a new --out folder. The model, --data, --limit, --binarize, --seed, --batch, --latent, --hidden and "
          + "--vqvae come from the run and may be left out (given, they must match); --epochs (the total, counting "
          + "the epochs done), --lr, --clip-grad-norm, --[no-]skip-non-finite, --backend and --device may change."})
  private Path resume;

  @Option(names = "--binarize",
      description = "Train on binary images: each pixel is drawn anew every epoch as 1 with probability equal "
          + "to its grey level (dynamic binarisation).")
  private boolean binarize;

  /** The {@code --epochs} value, at least 1, or {@link ModelRecipe#DEFAULT_EPOCHS} when not given. */
  public int epochs() {
    return epochs(ModelRecipe.DEFAULT_EPOCHS);
  }

  /** The {@code --epochs} value, or {@code modelDefault} (the model's own default) when not given. */
  public int epochs(int modelDefault) {
    return epochs == null ? modelDefault : epochs;
  }

  /** The {@code --batch} value, at least 1, or {@link ModelRecipe#DEFAULT_BATCH} when not given. */
  public int batch() {
    return batch(ModelRecipe.DEFAULT_BATCH);
  }

  /** The {@code --batch} value, or {@code modelDefault} (the model's own default) when not given. */
  public int batch(int modelDefault) {
    return batch == null ? modelDefault : batch;
  }

  /** The {@code --latent} value, at least 1. */
  public int latent() {
    return latent;
  }

  /** The {@code --hidden} widths, each at least 1; a fresh copy. */
  public int[] hidden() {
    return hidden.clone();
  }

  /** The {@code --lr} value, finite and above 0. */
  public double lr() {
    return lr;
  }

  /** The {@code --clip-grad-norm} value, finite and at least 0 (0: no clipping). */
  public double clipGradNorm() {
    return clipGradNorm;
  }

  /** Whether {@code --skip-non-finite} was given. */
  public boolean skipNonFinite() {
    return skipNonFinite;
  }

  /** The {@code --resume} path, which existed when parsed, or {@code null} to start afresh. */
  public Path resume() {
    return resume;
  }

  /** Whether {@code --binarize} was given. */
  public boolean binarize() {
    return binarize;
  }
}
