package org.vae4j.serve.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Tensors;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.models.bayes.BayesianMlp;

/**
 * A {@link BayesianMlp}: only {@code /predict}. A classifier's predictive mean is the mean over weight
 * draws of the softmax probabilities and its entropy that of {@link BayesianMlp#predictClasses} (the same
 * draws, in the same order, from a stream seeded with the request's seed); the standard deviation is the
 * spread of those probabilities over the draws. A regressor gives {@link BayesianMlp#predictRegression}'s
 * mean and total standard deviation.
 */
final class BayesianMlpAdapter extends TensorAdapter {
  private static final double TINY = 1e-30;
  private final BayesianMlp bnn;
  private final int outputs;

  BayesianMlpAdapter(BayesianMlp bnn, int outputs, ModelInfo info) {
    super(info, Shape.of(info.rows() * info.cols()), bnn);
    this.bnn = bnn;
    this.outputs = outputs;
  }

  @Override
  public Set<Operation> operations() {
    return Set.of(Operation.PREDICT);
  }

  @Override
  public LatentSpace latent() {
    return LatentSpace.NONE;
  }

  @Override
  public int classes() {
    return bnn.task() == BayesianMlp.Task.CLASSIFICATION ? outputs : 0;
  }

  @Override
  public boolean conditional() {
    return false;
  }

  @Override
  public Prediction predict(Rows inputs, int samples, long seed) {
    int n = inputs.count();
    Tensor x = images(inputs);
    PhiloxStream rng = PhiloxStream.seeded(seed);
    if (bnn.task() == BayesianMlp.Task.REGRESSION) {
      BayesianMlp.RegressionPrediction p = bnn.predictRegression(x, samples, rng);
      return new Prediction(host(p.mean(), n), host(p.totalStd(), n), null, samples);
    }
    List<Tensor> draws = new ArrayList<>(samples);
    for (int s = 0; s < samples; s++) {
      draws.add(bnn.forward(x, rng).activations());
    }
    Tensor probabilities = Tensors.stack(draws, 0).softmax(2);
    Tensor mean = probabilities.mean(0);
    Tensor std = probabilities.sub(mean).square().mean(0).sqrt();
    Tensor tiny = mean.factory().scalar(TINY, mean.dtype());
    Tensor entropy = mean.mul(mean.maximum(tiny).log()).sum(1).neg();
    return new Prediction(host(mean, n), host(std, n), entropy.toDoubleArray(), samples);
  }
}
