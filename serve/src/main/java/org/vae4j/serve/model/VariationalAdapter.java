package org.vae4j.serve.model;

import java.util.EnumSet;
import java.util.Set;
import org.vae4j.api.Distribution;
import org.vae4j.api.Module;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.estimators.Elbo;
import org.vae4j.core.estimators.LogLikelihood;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.models.VariationalModel;

/**
 * A model with a Gaussian q(z|x), a standard normal prior and a decoder, seen through a
 * {@link VariationalModel} (for a conditional model, the view with a batch's labels fixed). Everything follows
 * from the view: codes are posterior means and log-variances, decoded images are means of p(x|z), scores are
 * the ELBO (one sample, analytic KL) and the importance-sampled log p(x), both drawn from one stream seeded
 * with the request's seed, ELBO first.
 */
abstract class VariationalAdapter extends TensorAdapter {
  private static final Set<Operation> OPERATIONS = EnumSet.of(Operation.ENCODE, Operation.DECODE,
      Operation.SAMPLE, Operation.RECONSTRUCT, Operation.SCORE, Operation.INTERPOLATE);
  private static final Elbo SCORE_ELBO = Elbo.builder().build();

  private final int latentDim;

  VariationalAdapter(ModelInfo info, Shape inputShape, Module model, int latentDim) {
    super(info, inputShape, model);
    this.latentDim = latentDim;
  }

  /** The model with {@code labels} fixed (ignored by an unconditional model; null there). */
  abstract VariationalModel view(int[] labels);

  @Override
  public Set<Operation> operations() {
    return OPERATIONS;
  }

  @Override
  public LatentSpace latent() {
    return LatentSpace.continuous(latentDim);
  }

  @Override
  public Encoding encode(Rows images) {
    Distribution q = view(images.labels()).encode(images(images));
    return Encoding.gaussian(host(q.mean(), images.count()), host(q.variance().log(), images.count()));
  }

  @Override
  public Rows decode(Rows latents) {
    return host(view(latents.labels()).decode(matrix(latents)).mean(), latents.count());
  }

  @Override
  public Rows sample(int n, long seed, int[] labels) {
    return host(view(labels).sample(n, PhiloxStream.seeded(seed)), n);
  }

  @Override
  public Rows reconstruct(Rows images) {
    return host(view(images.labels()).reconstruct(images(images)), images.count());
  }

  @Override
  public Scores score(Rows images, int k, long seed) {
    VariationalModel model = view(images.labels());
    Tensor x = images(images);
    PhiloxStream rng = PhiloxStream.seeded(seed);
    double[] negativeElbo = SCORE_ELBO.compute(model, x, rng).perExample().neg().toDoubleArray();
    double[] logLikelihood = LogLikelihood.estimate(model, x, rng, k).toDoubleArray();
    return new Scores(negativeElbo, logLikelihood, k);
  }
}
