package org.vae4j.examples.app;

import java.util.Optional;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Backends;
import org.vae4j.core.Tensors;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.data.TrainTest;
import org.vae4j.examples.run.TrainingProgress;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelSpec;
import org.vae4j.examples.train.OptimizerFactory;
import org.vae4j.examples.train.ResumeRules;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.examples.train.RunInputException;
import org.vae4j.examples.train.RunSettings;
import org.vae4j.examples.train.RunSource;
import org.vae4j.examples.train.TrainingRun;

/**
 * Puts one {@code vae4j train} run together from its parsed options, in the order a user's input can fail:
 * the run to resume and what it keeps ({@link ResumeRules}), the data set as the run uses it, the model
 * recipe, the backend's kernels and tensor factory; then Adam and the progress display. Nothing is written
 * here: the {@link TrainingRun} makes its folder. Stateless.
 */
public final class TrainingRuns {
  private TrainingRuns() {
  }

  /** The run {@code settings} ask for, its models and data sets from {@code context}. */
  public static TrainingRun prepare(RunSettings settings, CommandContext context) {
    Optional<RunSource> resume = Optional.ofNullable(settings.resume()).map(p -> RunSource.locate(p, "--resume"));
    Optional<RunConfig> resumed = resume.map(r -> ResumeRules.resumedConfig(settings, r));
    TrainTest data = resumed
        .map(c -> DataPreparation.prepare(context.datasets().load(c.data()), c.limit(), c.binarize()))
        .orElseGet(() -> DataPreparation.prepare(context.datasets().load(settings.data()), settings.limit(),
            settings.binarize()));
    String kind = resumed.map(c -> c.spec().kind()).orElse(settings.kind());
    ModelRecipe recipe = context.recipes().find(kind).orElseThrow(() -> new RunInputException("model '" + kind
        + "' is not known; give one of " + String.join(", ", context.recipes().names())));
    RunConfig config = resumed.orElseGet(() -> freshConfig(settings, data, recipe));
    TensorFactory tensors = Tensors.on(Backends.kernels(settings.backend(), settings.device()));
    OptimizerFactory optimizers = parameters -> Adam.builder(config.lr()).build(parameters);
    return new TrainingRun(settings, config, resume, data, recipe, tensors, optimizers,
        TrainingProgress::forThisTerminal);
  }

  private static RunConfig freshConfig(RunSettings settings, TrainTest data, ModelRecipe recipe) {
    ModelSpec spec = new ModelSpec(settings.kind(), data.train().rows(), data.train().cols(),
        data.train().numClasses(), settings.latent(), settings.hidden(), data.train().size(),
        settings.parent() == null ? null : settings.parent().toAbsolutePath().normalize().toString(),
        recipe.options(settings.options(), settings.binarize()));
    return new RunConfig(spec, settings.data(), settings.binarize(), settings.limit(), settings.seed(),
        settings.batch(), settings.lr(), settings.clipGradNorm(), settings.skipNonFinite());
  }
}
