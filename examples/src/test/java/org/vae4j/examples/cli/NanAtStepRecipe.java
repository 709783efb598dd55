package org.vae4j.examples.cli;

import java.util.Map;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ModelSpec;
import org.vae4j.examples.train.PictureContext;
import org.vae4j.examples.train.VaeRecipe;

/**
 * A test recipe, {@code nan-vae}: the {@code vae} recipe's model, whose training loss becomes NaN at one step of
 * each model made, as a run that diverges part-way does.
 */
final class NanAtStepRecipe implements ModelRecipe {
  private final VaeRecipe vae = new VaeRecipe();
  private final int nanStep;

  NanAtStepRecipe(int nanStep) {
    this.nanStep = nanStep;
  }

  @Override
  public String kind() {
    return "nan-vae";
  }

  @Override
  public String description() {
    return "the vae, whose loss is NaN at step " + nanStep;
  }

  @Override
  public Shape exampleShape(ModelSpec spec) {
    return vae.exampleShape(spec);
  }

  @Override
  public TrainableModel create(ModelSpec spec, ParameterFactory parameters) {
    TrainableModel model = vae.create(spec, parameters);
    return new TrainableModel() {
      private long calls;

      @Override
      public Map<String, Tensor> namedParameters() {
        return model.namedParameters();
      }

      @Override
      public Tensor loss(Batch batch, RandomStream rng) {
        Tensor loss = model.loss(batch, rng);
        return ++calls == nanStep ? loss.mul(Double.NaN) : loss;
      }

      @Override
      public Tensor evaluationLoss(Batch batch, RandomStream rng) {
        return model.evaluationLoss(batch, rng);
      }

      @Override
      public void train(boolean training) {
        model.train(training);
      }

      @Override
      public void close() {
        model.close();
      }
    };
  }

  @Override
  public String lossLabel() {
    return vae.lossLabel();
  }

  @Override
  public void drawPictures(TrainableModel model, PictureContext context) {
    throw new UnsupportedOperationException("nan-vae draws nothing");
  }
}
