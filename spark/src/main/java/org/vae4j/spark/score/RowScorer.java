package org.vae4j.spark.score;

import java.util.Arrays;
import org.vae4j.api.Distribution;
import org.vae4j.api.LatentVariableModel;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.kl.KlRegistry;
import org.vae4j.models.ConditionalVae;
import org.vae4j.models.bayes.BayesianMlp;
import org.vae4j.models.vq.VqVae;
import org.vae4j.spark.SparkInputException;
import org.vae4j.spark.random.RowKeyedStream;

/**
 * Scores rows with a trained model, in batches, on one JVM; the Spark job and the SQL function both call it.
 * Each row's noise comes from a stream keyed by (seed, row id) ({@link RowKeyedStream}), so a row's scores do
 * not depend on the rows it is batched with, the batch size or the partitioning.
 *
 * <ul>
 *   <li>VAE runs ({@code vae}, {@code convvae}, {@code cvae}): the mean and log-variance of q(z|x); the
 *       negative ELBO {@code -(log p(x|z_1) - KL(q(z|x) || p(z)))} with the first of the k draws; and
 *       {@code log p(x) ~ log (1/k) sum_i p(x|z_i) p(z_i) / q(z_i|x)} with k draws
 *       {@code z_i = mean + sd * eps_i}.</li>
 *   <li>VQ-VAE runs: the nearest code index at each of the 7x7 positions (no noise).</li>
 *   <li>Bayesian network runs: class probabilities averaged over the weight draws (local
 *       reparameterisation), their standard deviation across draws, and the most probable class.</li>
 * </ul>
 *
 * Thread-safe: one batch at a time per model.
 */
@SuppressWarnings("try") // scopes and NoGrad blocks are used for their effect
public final class RowScorer {
  /**
   * Batches smaller than this are padded to it (see {@link #padded}): then every product in the models vae4j
   * trains has at least 4,096 multiply-adds and backend-pure gives each row the same bits in any batch.
   */
  public static final int MIN_ROWS = 64;
  private static final long ROW_MIX = 0x53434F5245L;

  private RowScorer() {
  }

  /**
   * Scores {@code ids.length} rows: {@code images} holds their values row after row ({@code model.pixels()}
   * each), {@code labels} their labels (needed by a conditional VAE, else may be null).
   */
  public static ScoredBatch score(LoadedModel model, long[] ids, float[] images, int[] labels, ScoreOptions options) {
    int rows = ids.length;
    if (images.length != (long) rows * model.pixels()) {
      throw new IllegalArgumentException("RowScorer: " + images.length + " values for " + rows + " rows of "
          + model.pixels());
    }
    if (rows < MIN_ROWS) {
      return padded(model, ids, images, labels, options);
    }
    int n = rows;
    synchronized (model.lock()) {
      try (NoGrad ignored = NoGrad.enter(); Scope scope = Scope.open()) {
        Tensor x = model.tensors().of(images, model.exampleShape().prepend(n));
        return switch (model.kind()) {
          case "vqvae" -> codes((VqVae) model.model(), x, n);
          case "bnn" -> bayesian((BayesianMlp) model.model(), x, n, keys(ids, options.seed()), options, model.classes());
          default -> latent(latentModel(model, labels, n), x, n, keys(ids, options.seed()), options, model.latent());
        };
      }
    }
  }

  /**
   * Scores a batch of fewer than {@link #MIN_ROWS} rows as the first rows of a batch of {@code MIN_ROWS}
   * (the rest zero images), so that the backend multiplies matrices of the same kind whatever the batch:
   * backend-pure hands tiny products to a scalar kernel that rounds differently from its vector kernel.
   */
  private static ScoredBatch padded(LoadedModel model, long[] ids, float[] images, int[] labels, ScoreOptions o) {
    int rows = ids.length;
    long[] allIds = new long[MIN_ROWS];
    System.arraycopy(ids, 0, allIds, 0, rows);
    for (int i = rows; i < MIN_ROWS; i++) {
      allIds[i] = -1 - i;
    }
    float[] allImages = Arrays.copyOf(images, MIN_ROWS * model.pixels());
    int[] allLabels = labels == null ? null : Arrays.copyOf(labels, MIN_ROWS);
    ScoredBatch b = score(model, allIds, allImages, allLabels, o);
    return new ScoredBatch(rows, head(b.zMean(), rows, MIN_ROWS), head(b.zLogVar(), rows, MIN_ROWS),
        b.negativeElbo() == null ? null : Arrays.copyOf(b.negativeElbo(), rows),
        b.logPx() == null ? null : Arrays.copyOf(b.logPx(), rows), head(b.codes(), rows, MIN_ROWS),
        head(b.probabilities(), rows, MIN_ROWS), head(b.predictiveStd(), rows, MIN_ROWS),
        b.predicted() == null ? null : Arrays.copyOf(b.predicted(), rows));
  }

  private static float[] head(float[] v, int rows, int of) {
    return v == null ? null : Arrays.copyOf(v, v.length / of * rows);
  }

  private static int[] head(int[] v, int rows, int of) {
    return v == null ? null : Arrays.copyOf(v, v.length / of * rows);
  }

  /** The noise keys of rows {@code ids}. */
  static long[] keys(long[] ids, long seed) {
    long[] keys = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      keys[i] = RowKeyedStream.key(seed, ROW_MIX, ids[i]);
    }
    return keys;
  }

  private static LatentVariableModel latentModel(LoadedModel model, int[] labels, int n) {
    if (model.model() instanceof ConditionalVae cvae) {
      if (labels == null) {
        throw new SparkInputException("a cvae run scores log p(x | y) and needs each row's label: give a table with "
            + "an int label column (--label-column)");
      }
      return cvae.conditionedOn(model.tensors().of(labels, Shape.of(n)));
    }
    return (LatentVariableModel) model.model();
  }

  private static ScoredBatch latent(LatentVariableModel m, Tensor x, int n, long[] keys, ScoreOptions o, int latent) {
    int k = o.samples();
    Distribution q = m.encode(x);
    Tensor mean = q.mean();
    Tensor variance = q.variance();
    double[] eps = RowKeyedStream.of(keys).normalDoubles(n * k * latent);
    Tensor noise = x.factory().of(eps, Shape.of(n, k, latent), mean.dtype()).permute(1, 0, 2);
    Tensor z = mean.add(variance.sqrt().mul(noise));
    Tensor logW = m.decode(z).logProb(x).add(m.prior().logProb(z)).sub(q.logProb(z));
    Tensor logPx = logW.logSumExp(0, false).sub(Math.log(k));
    Tensor reconstruction = m.decode(z.slice(0, 0, 1)).logProb(x).reshape(n);
    Tensor negativeElbo = reconstruction.sub(KlRegistry.kl(q, m.prior())).neg();
    return new ScoredBatch(n, mean.toFloatArray(), variance.log().toFloatArray(), negativeElbo.toDoubleArray(),
        logPx.toDoubleArray(), null, null, null, null);
  }

  private static ScoredBatch codes(VqVae vq, Tensor x, int n) {
    return new ScoredBatch(n, null, null, null, null, vq.encodeToCodes(x).toIntArray(), null, null, null);
  }

  private static ScoredBatch bayesian(BayesianMlp bnn, Tensor x, int n, long[] keys, ScoreOptions o, int classes) {
    RowKeyedStream rng = RowKeyedStream.of(keys);
    Tensor sum = null;
    Tensor sumSquares = null;
    for (int s = 0; s < o.weightDraws(); s++) {
      Tensor p = bnn.forward(x, rng).activations().softmax(1);
      sum = sum == null ? p : sum.add(p);
      sumSquares = sumSquares == null ? p.square() : sumSquares.add(p.square());
    }
    double draws = o.weightDraws();
    Tensor mean = sum.div(draws);
    Tensor std = sumSquares.div(draws).sub(mean.square()).relu().sqrt();
    float[] probabilities = mean.toFloatArray();
    int[] predicted = new int[n];
    for (int i = 0; i < n; i++) {
      for (int c = 1; c < classes; c++) {
        if (probabilities[i * classes + c] > probabilities[i * classes + predicted[i]]) {
          predicted[i] = c;
        }
      }
    }
    return new ScoredBatch(n, null, null, null, null, null, probabilities, std.toFloatArray(), predicted);
  }
}
