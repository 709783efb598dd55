package org.vae4j.examples.train;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.TrainableModel;

/**
 * How the command line builds, trains and shows one kind of model ({@code vae}, {@code cvae}, ...): the
 * shape its examples take, the model itself from a {@link ModelSpec}, the pictures it leaves in its run
 * folder and, where the model has one, a test log-likelihood estimate. Implementations are stateless and
 * thread-safe; {@link ModelRecipes#standard()} lists them by name.
 */
public interface ModelRecipe {
  /** Epochs of a run that does not give {@code --epochs}, unless the model says otherwise. */
  int DEFAULT_EPOCHS = 10;
  /** Images per minibatch of a run that does not give {@code --batch}, unless the model says otherwise. */
  int DEFAULT_BATCH = 128;

  /** The name given to {@code vae4j train}. */
  String kind();

  /** One line for {@code train --help}, after the name. */
  String description();

  /**
   * Checks that the data and sizes suit this model.
   *
   * @throws RunInputException with a one-line message naming the value and the fix
   */
  default void check(ModelSpec spec) {
  }

  /**
   * The complete model options stored in the run's spec, from the {@code --set} values given and whether the
   * images are binarised: defaults filled in, every value checked. Models without options refuse any.
   *
   * @throws RunInputException with a one-line message naming the option and the fix
   */
  default Map<String, String> options(Map<String, String> given, boolean binarize) {
    if (!given.isEmpty()) {
      throw new RunInputException("model " + kind() + " takes no --set options, got " + given.keySet()
          + "; drop them");
    }
    return Map.of();
  }

  /** The model in a few words for logs and {@code summary.json}, e.g. {@code vae 784-400-20}. */
  default String describe(ModelSpec spec) {
    return spec.describe();
  }

  /** Epochs of a run of this model that does not give {@code --epochs}. */
  default int defaultEpochs() {
    return DEFAULT_EPOCHS;
  }

  /** Images per minibatch of a run of this model that does not give {@code --batch}. */
  default int defaultBatch() {
    return DEFAULT_BATCH;
  }

  /** How the test log-likelihood is estimated, for the log line. */
  default String logLikelihoodMethod() {
    return "importance sampling, k = " + PictureContext.LOG_LIKELIHOOD_SAMPLES;
  }

  /** Samples per test image behind the log-likelihood estimate, for {@code summary.json}. */
  default int logLikelihoodSamples() {
    return PictureContext.LOG_LIKELIHOOD_SAMPLES;
  }

  /** The shape of one example as this model reads it: {@code (784)} or {@code (1, 28, 28)}. */
  Shape exampleShape(ModelSpec spec);

  /**
   * The shape the images are read in before {@link #trainingData} maps them; the example shape unless the
   * model trains on something derived from the images.
   */
  default Shape imageShape(ModelSpec spec) {
    return exampleShape(spec);
  }

  /**
   * The examples this model trains and is evaluated on, from the images (as they are, or binarised each
   * epoch). Defaults to the images themselves; a prior over codes maps them to code maps.
   */
  default Dataset trainingData(ImageDatasetView images, ModelSpec spec, TensorFactory tensors) {
    return images;
  }

  /** A new model, its parameters drawn from {@code parameters}. */
  TrainableModel create(ModelSpec spec, ParameterFactory parameters);

  /** What the training and test losses are, for the loss plot's axis. */
  String lossLabel();

  /** Writes the model's pictures into the run folder. */
  void drawPictures(TrainableModel model, PictureContext context);

  /**
   * How many test images the log-likelihood estimate uses unless {@code --ll-images} says otherwise: 500 by
   * default, a stable mean at a fraction of an epoch's cost.
   */
  default int logLikelihoodImages() {
    return 500;
  }

  /**
   * The mean log-likelihood of the test images {@code context} names, estimated by importance sampling, or
   * empty for a model without one.
   */
  default OptionalDouble testLogLikelihood(TrainableModel model, PictureContext context) {
    return OptionalDouble.empty();
  }

  /** What {@code sample}, {@code reconstruct} and {@code encode} do with this model, or empty for none. */
  default Optional<ModelUse> use(TrainableModel model, ModelSpec spec, TensorFactory tensors) {
    return Optional.empty();
  }
}
