package org.vae4j.examples.train;

import java.util.Optional;
import java.util.OptionalDouble;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.pictures.VaePictures;
import org.vae4j.models.ConditionalVae;

/**
 * {@code cvae}: the MLP conditional VAE of {@link ConditionalVae#mlp} (one hidden layer, the label's one-hot
 * code joined to the encoder's input and to z). Its samples show one class per row; its log-likelihood is
 * log p(x | y).
 */
public final class CvaeRecipe implements ModelRecipe {

  @Override
  public String kind() {
    return "cvae";
  }

  @Override
  public String description() {
    return "conditional MLP VAE: one row of samples per label";
  }

  @Override
  public void check(ModelSpec spec) {
    if (spec.classes() < 2) {
      throw new RunInputException("cvae needs labelled data of at least 2 classes, the data has "
          + spec.classes() + "; give --data mnist-10k or fashion-mnist, or train vae");
    }
    if (spec.hidden().length != 1) {
      throw new RunInputException("cvae takes one hidden width, got --hidden with " + spec.hidden().length
          + "; give e.g. --hidden 400");
    }
  }

  @Override
  public Shape exampleShape(ModelSpec spec) {
    return Shape.of(spec.pixels());
  }

  @Override
  public TrainableModel create(ModelSpec spec, ParameterFactory parameters) {
    return ConditionalVae.mlp(exampleShape(spec), spec.classes(), spec.firstHidden(), spec.latent(), parameters);
  }

  @Override
  public String lossLabel() {
    return "negative ELBO of log p(x | y) (nats per image)";
  }

  @Override
  public void drawPictures(TrainableModel model, PictureContext context) {
    LatentModelShowcase.draw(this, views((ConditionalVae) model), context, false);
  }

  @Override
  public OptionalDouble testLogLikelihood(TrainableModel model, PictureContext context) {
    return LatentModelShowcase.logLikelihood(this, views((ConditionalVae) model), context);
  }

  @Override
  public Optional<ModelUse> use(TrainableModel model, ModelSpec spec, TensorFactory tensors) {
    return Optional.of(ModelUse.ofVae(views((ConditionalVae) model), tensors, exampleShape(spec), spec.latent()));
  }

  private static VaePictures.Views views(ConditionalVae cvae) {
    return labels -> {
      var any = cvae.namedParameters().values().iterator().next();
      return cvae.conditionedOn(any.factory().of(labels, Shape.of(labels.length)));
    };
  }
}
