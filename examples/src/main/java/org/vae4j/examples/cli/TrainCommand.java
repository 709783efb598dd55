package org.vae4j.examples.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.app.TrainingRuns;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelRecipes;
import org.vae4j.examples.train.RunSettings;
import org.vae4j.examples.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j train <model>}: trains one of the models of {@link ModelRecipes} (its help lists them from that
 * list) and leaves metrics, summary, checkpoint and pictures in the run folder ({@link TrainingRun}, put
 * together by {@link TrainingRuns}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a model and write metrics.csv, summary.json, model.safetensors and pictures to its "
        + "run folder.", "", "Models:"},
    footer = {"", "Examples:", "  vae4j train vae --epochs 10 --latent 2 --out runs/vae-2d",
        "  vae4j train vqvae --out runs/vq && vae4j train pixelcnn --vqvae runs/vq --out runs/prior",
        "  vae4j train pixelrnn --binarize --set arch=row --out runs/rowlstm",
        "  vae4j train vae --resume runs/vae-2d --epochs 20 --out runs/vae-2d-more"})
public final class TrainCommand implements Callable<Integer> {

  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<model>", description = "The model to train (see the list above).")
  private String model;

  @Mixin
  private CommonOptions common;

  @Mixin
  private TrainingOptions training;

  @Option(names = "--limit", paramLabel = "<n>", defaultValue = "0", converter = Converters.NonNegativeInt.class,
      description = "Use only the first n training and n test images (0: all); for quick checks and tests. "
          + "Default: ${DEFAULT-VALUE}.")
  private int limit;

  @Option(names = "--ll-images", paramLabel = "<n>", converter = Converters.NonNegativeInt.class,
      description = "Test images of the importance-sampled log-likelihood estimate in summary.json (k = 100 "
          + "samples each; exact for gated-pixelcnn and pixelrnn; 0: no estimate). Default: 500, or 100 for "
          + "convvae, every test image for the pixel models.")
  private Integer logLikelihoodImages;

  @Option(names = "--vqvae", paramLabel = "<run>",
      description = "For pixelcnn: the run folder of the trained vqvae whose codes the prior models.")
  private Path vqvae;

  @Option(names = "--init-from", paramLabel = "<state dict>", converter = Converters.ExistingPath.class,
      description = "Start from the parameters of this safetensors state dict instead of fresh ones: a vae4j "
          + "checkpoint, or a PyTorch state dict of pytorch/examples' VAE (fc1, fc21, fc22, fc3, fc4).")
  private Path initFrom;

  @Option(names = "--set", paramLabel = "<key=value>",
      description = "A model option, repeatable (e.g. --set arch=row --set layers=3); each model lists its own"
          + " in the log line of its run and rejects others.")
  private Map<String, String> options;

  @Option(names = "--init-names", paramLabel = "<file>", converter = Converters.ExistingPath.class,
      description = "For --init-from: the name rules of the state dict, one 'vae4j.name = torch.name' or "
          + "'vae4j.name = torch.a + torch.b' a line (see the README). Default: pytorch/examples' VAE names when "
          + "the file holds fc1.weight, else vae4j's own.")
  private Path initNames;

  private final CommandContext context;

  TrainCommand(CommandContext context) {
    this.context = context;
  }

  /** Picocli's model of this command; the list of models in the help is drawn from the recipes here. */
  @Spec
  void spec(CommandSpec spec) {
    this.spec = spec;
    String[] fixed = spec.usageMessage().description();
    spec.usageMessage().description(Stream.of(Stream.of(fixed), context.recipes().helpLines().stream(), Stream.of(""))
        .flatMap(s -> s).toArray(String[]::new));
  }

  @Override
  public Integer call() {
    ModelRecipe recipe = context.recipes().find(model).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "unknown model '" + model + "': give one of " + String.join(", ", context.recipes().names())));
    Set<String> given = new HashSet<>();
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      given.add(o.longestName());
    }
    if (initFrom != null && training.resume() != null) {
      throw new ParameterException(spec.commandLine(), "--init-from and --resume both say where the parameters "
          + "come from; give one of them");
    }
    if (initNames != null && initFrom == null) {
      throw new ParameterException(spec.commandLine(), "--init-names is for --init-from; give the state dict too");
    }
    RunSettings settings = new RunSettings(model, common.data(), common.seed(), common.backend(), common.device(),
        common.out(), training.epochs(recipe.defaultEpochs()), training.batch(recipe.defaultBatch()),
        training.latent(), training.hidden(), training.lr(), training.resume(), training.binarize(), limit,
        logLikelihoodImages == null ? -1 : logLikelihoodImages, vqvae, initFrom, initNames, training.clipGradNorm(),
        training.skipNonFinite(), options, given);
    TrainingRuns.prepare(settings, context).run();
    return ExitCodes.OK;
  }
}
