package org.vae4j.core.train;

import org.vae4j.api.Module;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Tensor;

/**
 * A model the {@link Trainer} can fit: a {@link Module} that turns a {@link Batch} into a scalar loss to
 * minimize (for a VAE, the negative ELBO averaged over the batch).
 *
 * <p>The trainer calls {@link #loss} inside one {@code Scope} per step with gradient recording on, calls
 * {@code backward()} on the result and lets its optimizer update {@link #namedParameters()}. It calls
 * {@link #evaluationLoss} on the test set under {@code NoGrad}, after {@code train(false)}. Both return a
 * floating-point tensor of size 1 made inside the caller's scope; the model keeps no reference to it.
 *
 * <p>Every random draw (reparameterization noise, dropout, ...) must come from the {@code rng} argument so
 * that runs are reproducible and resumable; never from a stream the model holds.
 */
public interface TrainableModel extends Module {

  /**
   * The training loss of one batch, a scalar that records gradients to the parameters.
   *
   * @param batch the inputs (and labels, for conditional models) as tensors on this model's backend
   * @param rng   the trainer's stream, advanced by whatever the model draws
   */
  Tensor loss(Batch batch, RandomStream rng);

  /**
   * The training loss of one batch at optimizer step {@code step} (1 for the first step), for objectives that
   * change during training such as a KL warm-up. The {@link Trainer} calls this one; it defaults to
   * {@link #loss(Batch, RandomStream)}.
   */
  default Tensor loss(Batch batch, RandomStream rng, long step) {
    return loss(batch, rng);
  }

  /**
   * The loss reported on held-out data, averaged over the batch. Defaults to {@link #loss}; a model may
   * report a different quantity here (for instance an importance-weighted bound).
   */
  default Tensor evaluationLoss(Batch batch, RandomStream rng) {
    return loss(batch, rng);
  }

  /** A short name stored in checkpoints ({@code "vae-mlp"}). Defaults to the class's simple name. */
  default String modelName() {
    return getClass().getSimpleName();
  }

  /**
   * The model's configuration as one string stored in checkpoints (for instance
   * {@code "input=784 hidden=400 latent=20"}), enough for a person or a loader to rebuild the model.
   */
  default String modelConfig() {
    return "";
  }
}
