package org.vae4j.examples.bench;

import org.vae4j.api.TensorFactory;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.train.ImageDatasetView;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelSpec;
import org.vae4j.examples.train.PixelCnnRecipe;
import org.vae4j.models.vq.VqVae;
import org.vae4j.models.vq.VqVaeConfig;
import org.vae4j.models.vq.VqVaePipeline;

/**
 * What the rows of one {@code vae4j bench} run train: the examples and a fresh model, exactly as
 * {@code vae4j train} builds them from the same recipe and spec. The PixelCNN prior trains on code maps: those
 * of the trained VQ-VAE of {@code --vqvae <run>} as {@code train pixelcnn} does, or, without one, of a VQ-VAE
 * freshly initialised from the bench's seed (the prior's work per step does not depend on which codes it
 * sees). The code maps are computed once, on the first backend that asks, and shared by every row. Not
 * thread-safe.
 */
final class BenchWorkload {
  private final ModelRecipe recipe;
  private final ModelSpec spec;
  private final ImageDataset train;
  private final long seed;
  private int[] untrainedCodes;

  BenchWorkload(ModelRecipe recipe, ModelSpec spec, ImageDataset train, long seed) {
    this.recipe = recipe;
    this.spec = spec;
    this.train = train;
    this.seed = seed;
    if (!untrainedCodes()) {
      recipe.check(spec);
    }
  }

  /** True for the PixelCNN prior without {@code --vqvae}: its codes come from an untrained VQ-VAE. */
  private boolean untrainedCodes() {
    return recipe instanceof PixelCnnRecipe && spec.parent() == null;
  }

  /** The model in a few words, with where a prior's codes come from. */
  String describe() {
    if (untrainedCodes()) {
      return "pixelcnn " + PixelCnnRecipe.priorConfig(VqVaeConfig.mnist().numCodes()).describe()
          + " over the codes of an untrained VQ-VAE";
    }
    return recipe.describe(spec);
  }

  /** The training examples, made on {@code tensors}' backend where the model derives them from the images. */
  Dataset data(TensorFactory tensors) {
    ImageDatasetView images = ImageDatasetView.grey(train, recipe.imageShape(spec));
    if (!untrainedCodes()) {
      return recipe.trainingData(images, spec, tensors);
    }
    if (untrainedCodes == null) {
      try (VqVae vq = new VqVae(VqVaeConfig.mnist(), ParameterFactory.of(tensors, PhiloxStream.seeded(seed)))) {
        vq.train(false);
        untrainedCodes = VqVaePipeline.encode(vq, images, 500);
      }
    }
    return VqVaePipeline.codeDataset(untrainedCodes);
  }

  /** A new model, its parameters drawn from {@code parameters}. */
  TrainableModel create(ParameterFactory parameters) {
    if (untrainedCodes()) {
      return PixelCnnRecipe.prior(VqVaeConfig.mnist().numCodes(), parameters);
    }
    return recipe.create(spec, parameters);
  }
}
