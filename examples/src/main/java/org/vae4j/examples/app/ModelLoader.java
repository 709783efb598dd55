package org.vae4j.examples.app;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.vae4j.api.Device;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Tensors;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.data.Datasets;
import org.vae4j.examples.data.TrainTest;
import org.vae4j.examples.run.RunDirectoryException;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelUse;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.examples.train.RunSource;

/**
 * Rebuilds a trained model from a run folder for {@code sample}, {@code reconstruct} and {@code encode}: the
 * architecture from its {@code run.json}, the weights from its checkpoint, on the backend and device asked
 * for (a checkpoint holds host values, so any backend loads it). Stateless.
 */
public final class ModelLoader {
  private final Map<String, ModelRecipe> recipes;
  private final Datasets datasets;

  @Inject
  ModelLoader(Map<String, ModelRecipe> recipes, Datasets datasets) {
    this.recipes = recipes;
    this.datasets = datasets;
  }

  /** A model restored from a run, with what is needed to feed it. The caller closes it. */
  public record Loaded(RunConfig config, ModelRecipe recipe, TrainableModel model, ModelUse use,
      TensorFactory tensors) implements AutoCloseable {
    @Override
    public void close() {
      model.close();
    }
  }

  /**
   * Loads the model of run {@code run} (a folder or its checkpoint) onto {@code backend} / {@code device}
   * (null for the registry's choice).
   *
   * @throws RunDirectoryException when the run cannot be read or its model has no latent code
   */
  public Loaded load(Path run, String backend, Device device) {
    RunSource source = RunSource.locate(run, "--run");
    RunConfig config = source.config();
    ModelRecipe recipe = recipes.get(config.spec().kind());
    if (recipe == null) {
      throw new RunDirectoryException("--run " + run + ": model '" + config.spec().kind() + "' is not known to "
          + "this vae4j; give a run of " + recipes.keySet());
    }
    TensorFactory tensors = Tensors.on(BackendChoice.kernels(backend, device));
    TrainableModel model = recipe.create(config.spec(), ParameterFactory.of(tensors, PhiloxStream.seeded(0)));
    try {
      Checkpoint.read(source.checkpoint()).restoreParameters(model);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw new RunDirectoryException("--run " + run + ": the checkpoint does not fit model " + config.spec()
          + " (" + e.getMessage() + "); give the folder the checkpoint was trained in", e);
    }
    ModelUse use = recipe.use(model, config.spec(), tensors).orElse(null);
    if (use == null) {
      model.close();
      throw new RunDirectoryException("--run " + run + ": model '" + config.spec().kind() + "' has no latent "
          + "code to sample, reconstruct or encode; give the run of a VAE, a vqvae or a pixelcnn");
    }
    return new Loaded(config, recipe, model, use, tensors);
  }

  /** The data the run was trained on, prepared as it was (limit, binarisation). */
  public TrainTest data(RunConfig config) {
    return DataPreparation.prepare(datasets.load(config.data()), config.limit(), config.binarize());
  }
}
