package org.vae4j.examples.train;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.estimators.Elbo;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.pictures.VaePictures;
import org.vae4j.models.Likelihood;
import org.vae4j.models.Networks;
import org.vae4j.models.Vae;

/**
 * {@code vae}: pytorch/examples' MLP VAE (784-400-20 with ReLU by default, any hidden widths), a Bernoulli
 * decoder (binary cross-entropy on grey levels), trained on the negative ELBO with one sample and the
 * analytic KL.
 */
public final class VaeRecipe implements ModelRecipe {

  @Override
  public String kind() {
    return "vae";
  }

  @Override
  public String description() {
    return "MLP VAE, 784-400-20 by default, Bernoulli decoder (the default job)";
  }

  @Override
  public Shape exampleShape(ModelSpec spec) {
    return Shape.of(spec.pixels());
  }

  @Override
  public TrainableModel create(ModelSpec spec, ParameterFactory parameters) {
    Shape data = exampleShape(spec);
    Likelihood likelihood = Likelihood.bernoulli();
    int[] hidden = spec.hidden();
    var encoder = Networks.mlp(spec.pixels(), hidden, 2 * spec.latent(), Activation::relu, parameters);
    var decoder = Networks.mlpDecoder(spec.latent(), hidden, likelihood.outputShape(data), Activation::relu,
        parameters);
    return new Vae(encoder, decoder, spec.latent(), data, likelihood, Elbo.builder().build(), "vae-mlp",
        "data=" + data + " hidden=" + Arrays.toString(hidden) + " latent=" + spec.latent()
            + " activation=relu likelihood=" + likelihood);
  }

  @Override
  public String lossLabel() {
    return "negative ELBO (nats per image)";
  }

  @Override
  public void drawPictures(TrainableModel model, PictureContext context) {
    LatentModelShowcase.draw(this, views((Vae) model), context, true);
  }

  @Override
  public OptionalDouble testLogLikelihood(TrainableModel model, PictureContext context) {
    return LatentModelShowcase.logLikelihood(this, views((Vae) model), context);
  }

  @Override
  public Optional<ModelUse> use(TrainableModel model, ModelSpec spec, TensorFactory tensors) {
    return Optional.of(ModelUse.ofVae(views((Vae) model), tensors, exampleShape(spec), spec.latent()));
  }

  static VaePictures.Views views(Vae vae) {
    return labels -> vae;
  }
}
