package org.vae4j.examples.cli;

import com.google.inject.Injector;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.vae4j.examples.app.RunModule;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.RunSettings;
import org.vae4j.examples.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j train <model>}: trains one of the models bound in {@link org.vae4j.examples.app.ModelsModule}
 * and leaves metrics, summary, checkpoint and pictures in the run folder ({@link TrainingRun}). The run's
 * collaborators come from a child injector with a {@link RunModule} for the parsed options.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a model and write metrics.csv, summary.json, model.safetensors and pictures to its "
        + "run folder.", "", "Models:", "  vae      MLP VAE, 784-400-20, Bernoulli decoder (the default job)",
        "  cvae     conditional MLP VAE (one row of samples per label)",
        "  convvae  convolutional VAE for 28x28 images",
        "  bnn      Bayes by Backprop MLP classifier (uncertainty.png instead of samples)",
        "  vqvae    VQ-VAE: 28x28 images to 7x7 maps of 64 discrete codes",
        "  pixelcnn PixelCNN prior over the codes of a trained vqvae (--vqvae <run>); draws samples",
        "  gated-pixelcnn  gated PixelCNN over pixels: exact likelihood (--binarize: 2 levels, else 256)",
        "  pixelrnn PixelRNN over pixels (--set arch=diagonal|row): exact likelihood", ""},
    footer = {"", "Examples:", "  vae4j train vae --epochs 10 --latent 2 --out runs/vae-2d",
        "  vae4j train vqvae --out runs/vq && vae4j train pixelcnn --vqvae runs/vq --out runs/prior",
        "  vae4j train pixelrnn --binarize --set arch=row --out runs/rowlstm"})
public final class TrainCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<model>", description = "The model to train (see the list above).")
  private String model;

  @Mixin
  private CommonOptions common;

  @Mixin
  private TrainingOptions training;

  @Option(names = "--limit", paramLabel = "<n>", defaultValue = "0",
      description = "Use only the first n training and n test images (0: all); for quick checks and tests. "
          + "Default: ${DEFAULT-VALUE}.")
  private int limit;

  @Option(names = "--ll-images", paramLabel = "<n>", defaultValue = "-1",
      description = "Test images of the importance-sampled log-likelihood estimate in summary.json (k = 100 "
          + "samples each; exact for gated-pixelcnn and pixelrnn; 0: no estimate). Default: 500, or 100 for "
          + "convvae, every test image for the pixel models.")
  private int logLikelihoodImages;

  @Option(names = "--vqvae", paramLabel = "<run>",
      description = "For pixelcnn: the run folder of the trained vqvae whose codes the prior models.")
  private Path vqvae;

  @Option(names = "--set", paramLabel = "<key=value>",
      description = "A model option, repeatable (e.g. --set arch=row --set layers=3); each model lists its own"
          + " in the log line of its run and rejects others.")
  private Map<String, String> options;

  private final Injector injector;
  private final Map<String, ModelRecipe> recipes;

  @Inject
  TrainCommand(Injector injector, Map<String, ModelRecipe> recipes) {
    this.injector = injector;
    this.recipes = recipes;
  }

  @Override
  public Integer call() {
    if (!recipes.containsKey(model)) {
      throw new ParameterException(spec.commandLine(), "unknown model '" + model + "': give one of "
          + String.join(", ", new TreeSet<>(recipes.keySet())));
    }
    if (limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit " + limit + " is negative; give 0 (all images) or "
          + "a number of images");
    }
    RunSettings settings = new RunSettings(model, common.data(), common.seed(), common.backend(), common.device(),
        common.out(), training.epochs(recipes.get(model).defaultEpochs()),
        training.batch(recipes.get(model).defaultBatch()), training.latent(), training.hidden(), training.lr(),
        training.resume(), training.binarize(), limit, logLikelihoodImages, vqvae, options);
    injector.createChildInjector(new RunModule(settings)).getInstance(TrainingRun.class).run();
    return ExitCodes.OK;
  }

}
