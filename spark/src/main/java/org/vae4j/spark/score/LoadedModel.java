package org.vae4j.spark.score;

import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.train.TrainableModel;

/**
 * A model rebuilt from a {@link ModelPackage} on one JVM, in evaluation mode, with what scoring needs to
 * feed it. Models are not thread-safe: {@link RowScorer} scores one batch at a time under {@link #lock()}.
 *
 * @param kind         the model's kind
 * @param model        the model
 * @param tensors      where its tensors live
 * @param exampleShape the shape of one input row
 * @param classes      classes of the run's data (the width of a Bayesian network's outputs)
 * @param latent       latent dimensions (VAE runs)
 */
public record LoadedModel(String kind, TrainableModel model, TensorFactory tensors, Shape exampleShape, int classes,
    int latent) {

  /** Values per input row. */
  public int pixels() {
    return exampleShape.sizeAsInt();
  }

  /** What scoring holds while it uses the model. */
  public Object lock() {
    return model;
  }
}
