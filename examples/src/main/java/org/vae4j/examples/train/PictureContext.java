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
 * @param heading what every picture's title names: model, data and epoch ({@code vae 784-400-20, mnist-10k,
 *                epoch 10})
 */
public record PictureContext(RunDirectory run, TrainTest data, ModelSpec spec, TensorFactory tensors, long seed,
    int logLikelihoodImages, String heading) {
  /** Importance samples per test image for the log-likelihood estimate. */
  public static final int LOG_LIKELIHOOD_SAMPLES = 100;

  /** The heading of a model's pictures: {@code vae 784-400-20, mnist-10k, epoch 10}. */
  public static String heading(String model, String data, int epochs) {
    return model + ", " + data + ", epoch " + epochs;
  }

  /** The picture helper for this context and a model reading examples of {@code recipe}'s shape. */
  public VaePictures pictures(ModelRecipe recipe) {
    return new VaePictures(tensors, recipe.exampleShape(spec), spec.rows(), spec.cols(), seed, heading);
  }
}
