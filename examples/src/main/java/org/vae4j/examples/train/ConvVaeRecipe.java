package org.vae4j.examples.train;

import java.util.Optional;
import java.util.OptionalDouble;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.models.Likelihood;
import org.vae4j.models.Networks;
import org.vae4j.models.Vae;

/**
 * {@code convvae}: the convolutional VAE of {@link Vae#convolutional} for 28x28 images (two stride-2
 * convolutions each way), Bernoulli decoder. {@code --hidden} does not apply.
 */
public final class ConvVaeRecipe implements ModelRecipe {

  @Override
  public String kind() {
    return "convvae";
  }

  @Override
  public String description() {
    return "convolutional VAE for 28x28 images (conv 32-64, dense 256)";
  }

  @Override
  public void check(ModelSpec spec) {
    if (spec.rows() != Networks.IMAGE_SIDE || spec.cols() != Networks.IMAGE_SIDE) {
      throw new RunInputException("convvae needs 28x28 images, the data has " + spec.rows() + "x"
          + spec.cols() + "; give --data mnist-10k, fashion-mnist or another 28x28 set, or train vae");
    }
  }

  @Override
  public Shape exampleShape(ModelSpec spec) {
    return Shape.of(1, spec.rows(), spec.cols());
  }

  @Override
  public TrainableModel create(ModelSpec spec, ParameterFactory parameters) {
    return Vae.convolutional(spec.latent(), Likelihood.bernoulli(), parameters);
  }

  /** 100: each importance sample runs the transposed convolutions of the decoder. */
  @Override
  public int logLikelihoodImages() {
    return 100;
  }

  @Override
  public String lossLabel() {
    return "negative ELBO (nats per image)";
  }

  @Override
  public void drawPictures(TrainableModel model, PictureContext context) {
    LatentModelShowcase.draw(this, VaeRecipe.views((Vae) model), context, true);
  }

  @Override
  public OptionalDouble testLogLikelihood(TrainableModel model, PictureContext context) {
    return LatentModelShowcase.logLikelihood(this, VaeRecipe.views((Vae) model), context);
  }

  @Override
  public Optional<ModelUse> use(TrainableModel model, ModelSpec spec, TensorFactory tensors) {
    return Optional.of(ModelUse.ofVae(VaeRecipe.views((Vae) model), tensors, exampleShape(spec), spec.latent()));
  }
}
