package org.vae4j.spark.bridge;

import java.nio.file.Path;
import java.util.Map;
import org.vae4j.api.Device;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Backends;
import org.vae4j.core.Tensors;
import org.vae4j.examples.app.DataPreparation;
import org.vae4j.examples.data.Datasets;
import org.vae4j.core.data.TrainTest;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelRecipes;
import org.vae4j.examples.train.ModelSpec;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.examples.train.RunInputException;
import org.vae4j.examples.train.RunSource;

/**
 * The one place where the Spark module meets the command line's composition (module {@code examples}): the
 * model recipes by name, run folders, data sets and backend choice, without Guice. When the examples'
 * composition moves (recipes, model loading, the data API moving to core), only this package changes.
 * Thread-safe: the recipes are stateless apart from PixelCNN's cache of loaded VQ-VAEs, which is concurrent.
 */
public final class ExamplesAdapter {
  private static final ModelRecipes RECIPES = ModelRecipes.standard();

  private ExamplesAdapter() {
  }

  /** The recipe of {@code kind} ({@code vae}, {@code cvae}, ...). */
  public static ModelRecipe recipe(String kind) {
    return RECIPES.find(kind).orElseThrow(() -> new RunInputException("unknown model '" + kind + "': give one of "
        + String.join(", ", RECIPES.names())));
  }

  /** The names of every model the single-machine {@code train} knows. */
  public static java.util.Set<String> kinds() {
    return RECIPES.names();
  }

  /** The run folder (or checkpoint) {@code path}, checked; {@code option} names it in messages. */
  public static RunSource locate(Path path, String option) {
    return RunSource.locate(path, option);
  }

  /** The run configuration in {@code folder}'s {@code run.json}. */
  public static RunConfig config(Path folder, String what) {
    return RunConfig.read(folder, what);
  }

  /** A data set named as {@code --data} names it, cut and binarised as a run with these settings uses it. */
  public static TrainTest data(String spec, int limit, boolean binarize, long seed) {
    return DataPreparation.prepare(new Datasets().load(spec), limit, binarize);
  }

  /** The data a run was trained on, prepared as it was. */
  public static TrainTest data(RunConfig config) {
    return data(config.data(), config.limit(), config.binarize(), config.seed());
  }

  /**
   * The configuration of a new run, as {@code vae4j train} makes it from its options and the data (no gradient
   * clipping, non-finite steps stop the run, a model's own options at their defaults).
   */
  public static RunConfig newConfig(String kind, String data, TrainTest prepared, boolean binarize, int limit,
      long seed, int batch, double lr, int latent, int[] hidden, Path parent) {
    ModelSpec spec = new ModelSpec(kind, prepared.train().rows(), prepared.train().cols(),
        prepared.train().numClasses(), latent, hidden, prepared.train().size(),
        parent == null ? null : parent.toAbsolutePath().normalize().toString(),
        recipe(kind).options(Map.of(), binarize));
    return new RunConfig(spec, data, binarize, limit, seed, batch, lr, 0, false);
  }

  /**
   * Tensors on {@code backend} (null: the registry's choice) and {@code device} (null: the backend's default),
   * through core's one resolution path, which touches no system property: tasks of one executor JVM may call it
   * concurrently.
   */
  public static TensorFactory tensors(String backend, String device) {
    return Tensors.on(Backends.kernels(backend, device == null ? null : Device.parse(device)));
  }
}
