package org.vae4j.examples.train;

import org.vae4j.api.TensorFactory;
import org.vae4j.core.data.TrainTest;
import org.vae4j.examples.pictures.VaePictures;
import org.vae4j.examples.run.RunDirectory;

/**
 * What a {@link ModelRecipe} needs to draw its pictures after training.
 *
 * @param run     the run folder the pictures go into
 * @param data    the data the model was trained on (binarised like the training data, when it was)
 * @param spec    the model's architecture
 * @param tensors where the model's tensors live
 * @param seed    seed of the pictures' random draws
 * @param logLikelihoodImages the first test images the log-likelihood estimate uses (0: no estimate)
 */
public record PictureContext(RunDirectory run, TrainTest data, ModelSpec spec, TensorFactory tensors, long seed,
    int logLikelihoodImages) {
  /** Importance samples per test image for the log-likelihood estimate. */
  public static final int LOG_LIKELIHOOD_SAMPLES = 100;

  /** The picture helper for this context and a model reading examples of {@code recipe}'s shape. */
  public VaePictures pictures(ModelRecipe recipe) {
    return new VaePictures(tensors, recipe.exampleShape(spec), spec.rows(), spec.cols(), seed);
  }
}
