package org.vae4j.examples.app;

import java.io.IOException;
import java.nio.file.Path;
import org.vae4j.api.Device;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Backends;
import org.vae4j.core.Tensors;
import org.vae4j.core.checkpoint.CheckpointException;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.data.Datasets;
import org.vae4j.core.data.TrainTest;
import org.vae4j.examples.interop.TorchInterop;
import org.vae4j.examples.run.RunDirectoryException;
import org.vae4j.examples.train.BareCheckpoint;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelRecipes;
import org.vae4j.examples.train.ModelSpec;
import org.vae4j.examples.train.ModelUse;
import org.vae4j.examples.train.PictureContext;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.examples.train.RunSource;

/**
 * Rebuilds a trained model from a run folder for {@code sample}, {@code reconstruct} and {@code encode}: the
 * architecture from its {@code run.json} (or, for a bare checkpoint, from the options given), the weights from
 * its checkpoint (vae4j's names, or pytorch/examples' for a PyTorch state dict), on the backend and device asked
 * for (a checkpoint holds host values, so any backend loads it). Stateless.
 */
public final class ModelLoader {
  private final ModelRecipes recipes;
  private final Datasets datasets;

  /** A loader of runs of {@code recipes}' models trained on data found by {@code datasets}. */
  public ModelLoader(ModelRecipes recipes, Datasets datasets) {
    this.recipes = recipes;
    this.datasets = datasets;
  }

  /** A model restored from a run, with what is needed to feed it. The caller closes it. */
  public record Loaded(RunConfig config, ModelRecipe recipe, TrainableModel model, ModelUse use,
      TensorFactory tensors, Path checkpoint, int epochs) implements AutoCloseable {
    /** The folder of the checkpoint, where the commands write by default. */
    public Path folder() {
      return checkpoint.toAbsolutePath().getParent();
    }

    /** Model, data and epochs, for the titles of pictures. */
    public String heading() {
      return PictureContext.heading(recipe.describe(config.spec()), config.data(), epochs);
    }

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
    return load(run, null, backend, device);
  }

  /**
   * As {@link #load(Path, String, Device)}; with {@code bare} not null, {@code run} is a checkpoint without
   * {@code run.json} and {@code bare} says what model it holds and what data it was trained on.
   */
  public Loaded load(Path run, BareCheckpoint bare, String backend, Device device) {
    RunSource source = bare == null ? RunSource.locate(run, "--run") : RunSource.bare(run, bareConfig(bare), "--run");
    RunConfig config = source.config();
    ModelRecipe recipe = recipe(config.spec(), "--run " + run);
    TensorFactory tensors = Tensors.on(Backends.kernels(backend, device));
    TrainableModel model = restore(source, tensors, "--run " + run);
    ModelUse use = recipe.use(model, config.spec(), tensors).orElse(null);
    if (use == null) {
      model.close();
      throw new RunDirectoryException("--run " + run + ": model '" + config.spec().kind() + "' has no latent "
          + "code to sample, reconstruct or encode; give the run of a VAE, a vqvae or a pixelcnn");
    }
    return new Loaded(config, recipe, model, use, tensors, source.checkpoint(), source.epoch());
  }

  /**
   * The model of {@code source} with its checkpoint's parameters, on {@code tensors}; the caller closes it. Unlike
   * {@link #load}, any model the recipes know, with or without a latent code (a Bayesian network too).
   *
   * @param what how the user named the run ({@code --run runs/x}), for messages
   * @throws RunDirectoryException when the model is unknown or the checkpoint does not fit it
   */
  public TrainableModel restore(RunSource source, TensorFactory tensors, String what) {
    ModelSpec spec = source.config().spec();
    TrainableModel model = recipe(spec, what).create(spec, ParameterFactory.of(tensors, PhiloxStream.seeded(0)));
    try {
      TorchInterop.importInto(model, source.checkpoint(), null);
    } catch (CheckpointException e) {
      model.close();
      throw new RunDirectoryException(what + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw new RunDirectoryException(what + ": the checkpoint does not fit model " + spec + " (" + e.getMessage()
          + "); give the folder the checkpoint was trained in", e);
    }
    return model;
  }

  /** The recipe of {@code spec}'s model, or a refusal naming the run ({@code what}) and the models known. */
  public ModelRecipe recipe(ModelSpec spec, String what) {
    return recipes.find(spec.kind()).orElseThrow(() -> new RunDirectoryException(what + ": model '" + spec.kind()
        + "' is not known to this vae4j; give a run of " + String.join(", ", recipes.names())));
  }

  private RunConfig bareConfig(BareCheckpoint bare) {
    if (recipes.find(bare.kind()).isEmpty()) {
      throw new RunDirectoryException("--model " + bare.kind() + " is not known; give one of "
          + String.join(", ", recipes.names()));
    }
    TrainTest data = datasets.load(bare.data());
    ModelSpec spec = new ModelSpec(bare.kind(), data.train().rows(), data.train().cols(), data.train().numClasses(),
        bare.latent(), bare.hidden(), data.train().size(), null);
    return new RunConfig(spec, bare.data(), false, 0, 0, 1, 1e-3, 0, false);
  }

  /** The data the run was trained on, prepared as it was (limit, binarisation). */
  public TrainTest data(RunConfig config) {
    return DataPreparation.prepare(datasets.load(config.data()), config.limit(), config.binarize());
  }
}
