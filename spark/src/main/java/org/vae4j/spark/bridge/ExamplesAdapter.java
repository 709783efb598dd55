package org.vae4j.spark.bridge;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.vae4j.api.Device;
import org.vae4j.api.TensorFactory;
import org.vae4j.api.spi.Backend;
import org.vae4j.core.Backends;
import org.vae4j.core.Tensors;
import org.vae4j.examples.app.DataPreparation;
import org.vae4j.examples.data.Datasets;
import org.vae4j.examples.data.TrainTest;
import org.vae4j.examples.train.BnnRecipe;
import org.vae4j.examples.train.ConvVaeRecipe;
import org.vae4j.examples.train.CvaeRecipe;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelSpec;
import org.vae4j.examples.train.PixelCnnRecipe;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.examples.train.RunInputException;
import org.vae4j.examples.train.RunSource;
import org.vae4j.examples.train.VaeRecipe;
import org.vae4j.examples.train.VqVaeRecipe;

/**
 * The one place where the Spark module meets the command line's composition (module {@code examples}): the
 * model recipes by name, run folders, data sets and backend choice, without Guice. When the examples'
 * composition moves (recipes, model loading, the data API moving to core), only this package changes.
 * Thread-safe: the recipes are stateless apart from PixelCNN's cache of loaded VQ-VAEs, which is concurrent.
 */
public final class ExamplesAdapter {
  private static final Map<String, ModelRecipe> RECIPES = recipes();

  private ExamplesAdapter() {
  }

  private static Map<String, ModelRecipe> recipes() {
    Map<String, ModelRecipe> m = new LinkedHashMap<>();
    for (ModelRecipe r : new ModelRecipe[] {new VaeRecipe(), new CvaeRecipe(), new ConvVaeRecipe(), new BnnRecipe(),
        new VqVaeRecipe(), new PixelCnnRecipe()}) {
      m.put(r.kind(), r);
    }
    return m;
  }

  /** The recipe of {@code kind} ({@code vae}, {@code cvae}, ...). */
  public static ModelRecipe recipe(String kind) {
    ModelRecipe r = RECIPES.get(kind);
    if (r == null) {
      throw new RunInputException("unknown model '" + kind + "': give one of " + String.join(", ",
          new TreeSet<>(RECIPES.keySet())));
    }
    return r;
  }

  /** The names of every model the single-machine {@code train} knows. */
  public static java.util.Set<String> kinds() {
    return RECIPES.keySet();
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
    return DataPreparation.prepare(new Datasets().load(spec), limit, binarize, seed);
  }

  /** The data a run was trained on, prepared as it was. */
  public static TrainTest data(RunConfig config) {
    return data(config.data(), config.limit(), config.binarize(), config.seed());
  }

  /** The configuration of a new run, as {@code vae4j train} makes it from its options and the data. */
  public static RunConfig newConfig(String kind, String data, TrainTest prepared, boolean binarize, int limit,
      long seed, int batch, double lr, int latent, int[] hidden, Path parent) {
    ModelSpec spec = new ModelSpec(kind, prepared.train().rows(), prepared.train().cols(),
        prepared.train().numClasses(), latent, hidden, prepared.train().size(),
        parent == null ? null : parent.toAbsolutePath().normalize().toString());
    return new RunConfig(spec, data, binarize, limit, seed, batch, lr);
  }

  /**
   * Tensors on {@code backend} (null: the registry's choice) and {@code device} (null: the backend's default),
   * without touching system properties, so that tasks of one executor JVM may call it concurrently.
   */
  public static TensorFactory tensors(String backend, String device) {
    Backend b = backend == null ? Backends.selected() : Backends.get(backend);
    Device d = device == null ? b.defaultDevice() : Device.parse(device);
    if (!b.devices().contains(d)) {
      throw new RunInputException("--device " + d + ": backend '" + b.name() + "' has the devices " + b.devices()
          + "; give one of them");
    }
    return Tensors.on(b.kernels(d));
  }
}
