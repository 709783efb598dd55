package org.vae4j.examples.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.Kernels;
import org.vae4j.core.Tensors;
import org.vae4j.core.optim.Adam;
import org.vae4j.examples.data.Datasets;
import org.vae4j.examples.data.TrainTest;
import org.vae4j.examples.run.TrainingProgress;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelSpec;
import org.vae4j.examples.train.OptimizerFactory;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.examples.train.RunSettings;
import org.vae4j.examples.train.RunSource;

/**
 * The composition root of one {@code vae4j train} run, installed in a child injector of {@link CliModule}:
 * from the parsed {@link RunSettings} it provides the run to resume (if any), the effective
 * {@link RunConfig} (a resumed run keeps its own model, data and batch size), the backend's kernels and
 * tensor factory, the data set, the model recipe, the optimizer (Adam) and the progress display.
 */
public final class RunModule extends AbstractModule {
  private final RunSettings settings;

  /** The module of a run with these options. */
  public RunModule(RunSettings settings) {
    this.settings = settings;
  }

  @Override
  protected void configure() {
    bind(RunSettings.class).toInstance(settings);
  }

  @Provides
  @Singleton
  Optional<RunSource> resume() {
    return settings.resume() == null ? Optional.empty() : Optional.of(RunSource.locate(settings.resume(), "--resume"));
  }

  @Provides
  @Singleton
  Kernels kernels() {
    return BackendChoice.kernels(settings.backend(), settings.device());
  }

  @Provides
  @Singleton
  TensorFactory tensors(Kernels kernels) {
    return Tensors.on(kernels);
  }

  @Provides
  @Singleton
  ModelRecipe recipe(Map<String, ModelRecipe> recipes, Optional<RunSource> resume) {
    String kind = resume.map(r -> r.config().spec().kind()).orElse(settings.kind());
    ModelRecipe recipe = recipes.get(kind);
    if (recipe == null) {
      throw new IllegalArgumentException("model '" + kind + "' is not known; give one of " + recipes.keySet());
    }
    return recipe;
  }

  @Provides
  @Singleton
  TrainTest data(Datasets datasets, Optional<RunSource> resume) {
    String spec = resume.map(r -> r.config().data()).orElse(settings.data());
    int limit = resume.map(r -> r.config().limit()).orElse(settings.limit());
    boolean binarize = resume.map(r -> r.config().binarize()).orElse(settings.binarize());
    return DataPreparation.prepare(datasets.load(spec), limit, binarize);
  }

  @Provides
  @Singleton
  RunConfig config(Optional<RunSource> resume, TrainTest data, ModelRecipe recipe) {
    if (resume.isPresent()) {
      return resume.get().config();
    }
    ModelSpec spec = new ModelSpec(settings.kind(), data.train().rows(), data.train().cols(),
        data.train().numClasses(), settings.latent(), settings.hidden(), data.train().size(),
        settings.parent() == null ? null : settings.parent().toAbsolutePath().normalize().toString(),
        recipe.options(settings.options(), settings.binarize()));
    return new RunConfig(spec, settings.data(), settings.binarize(), settings.limit(), settings.seed(),
        settings.batch(), settings.lr());
  }

  @Provides
  OptimizerFactory optimizers(RunConfig config) {
    return parameters -> Adam.builder(config.lr()).build(parameters);
  }

  @Provides
  TrainingProgress progress() {
    return TrainingProgress.forThisTerminal();
  }
}
