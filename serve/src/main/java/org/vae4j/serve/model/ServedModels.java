package org.vae4j.serve.model;

import org.vae4j.api.Module;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.models.ConditionalVae;
import org.vae4j.models.Vae;
import org.vae4j.models.bayes.BayesianMlp;
import org.vae4j.models.vq.PixelCnnPrior;
import org.vae4j.models.vq.VqVae;

/**
 * Makes the {@link ServedModel} of a trained model. Each method switches the model to evaluation mode
 * (serving never trains) and does not take ownership: the caller closes the model after the server.
 *
 * <p>Serving a new kind of model is one adapter class (extend {@code TensorAdapter}, override the
 * operations the model has) and one line in {@link #of}.
 */
public final class ServedModels {
  private ServedModels() {
  }

  /**
   * The adapter of {@code model}: a {@link Vae}, {@link ConditionalVae}, {@link VqVae} (without a prior) or
   * {@link BayesianMlp}.
   *
   * @param outputs a Bayesian network's outputs (classes); ignored for other models
   * @throws IllegalArgumentException for a model of another type, naming the ones that can be served
   */
  public static ServedModel of(Module model, ModelInfo info, int outputs) {
    evaluationMode(model);
    if (model instanceof Vae vae) {
      return new VaeAdapter(vae, info);
    }
    if (model instanceof ConditionalVae cvae) {
      return new ConditionalVaeAdapter(cvae, info);
    }
    if (model instanceof VqVae vq) {
      return new VqVaeAdapter(vq, null, info);
    }
    if (model instanceof BayesianMlp bnn) {
      return new BayesianMlpAdapter(bnn, outputs, info);
    }
    throw new IllegalArgumentException("cannot serve a " + model.getClass().getSimpleName() + " (" + info.kind()
        + "); vae4j serve knows Vae, ConditionalVae, VqVae (with or without its PixelCnnPrior) and BayesianMlp");
  }

  /** A VQ-VAE with the PixelCNN prior over its codes: everything {@link #of} gives, plus samples. */
  public static ServedModel vqVaeWithPrior(VqVae vq, PixelCnnPrior prior, ModelInfo info) {
    evaluationMode(vq);
    evaluationMode(prior);
    return new VqVaeAdapter(vq, prior, info);
  }

  private static void evaluationMode(Module model) {
    if (model instanceof ModuleBase m) {
      m.train(false);
    }
  }
}
