package org.vae4j.models.vq;

import java.util.List;
import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.optim.Adam;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.core.train.Trainer;
import org.vae4j.core.train.TrainerBuilder;
import org.vae4j.core.train.TrainingListener;
import org.vae4j.core.train.TrainingSummary;

/**
 * The two stages of VQ-VAE: train the {@link VqVae} on images, encode the images to code maps, train the
 * {@link PixelCnnPrior} on the codes by maximum likelihood, then draw code maps from the prior and decode
 * them to images. {@link #run} does it all and measures the results; the other methods are the single
 * steps, for a command line that runs the stages separately.
 *
 * <p>Image datasets hold {@code (1, 28, 28)} or {@code (784)} examples with pixels in [0, 1]; code datasets
 * hold {@code (7, 7)} examples of floats that are code indices. Tensors are made on the backend and in the
 * dtype of each model's parameters. Every method runs on the calling thread, one at a time per model.
 */
public final class VqVaePipeline {
  private VqVaePipeline() {
  }

  /**
   * How the two stages train (Adam, constant learning rates).
   *
   * @param vqVaeEpochs   epochs of the VQ-VAE
   * @param priorEpochs   epochs of the prior
   * @param batchSize     examples per step in both stages, and per batch when encoding and evaluating
   * @param vqVaeRate     Adam's learning rate for the VQ-VAE
   * @param priorRate     Adam's learning rate for the prior
   * @param seed          seed of both trainers' streams
   */
  public record Settings(int vqVaeEpochs, int priorEpochs, int batchSize, double vqVaeRate, double priorRate,
      long seed) {
    public Settings {
      if (vqVaeEpochs < 1 || priorEpochs < 1 || batchSize < 1 || !(vqVaeRate > 0) || !(priorRate > 0)) {
        throw new IllegalArgumentException("VqVaePipeline.Settings: epochs and batch size must be >= 1 and rates"
            + " > 0, got epochs " + vqVaeEpochs + " and " + priorEpochs + ", batch " + batchSize + ", rates "
            + vqVaeRate + " and " + priorRate);
      }
    }
  }

  /**
   * What {@link #run} measured.
   *
   * @param vqVae             the VQ-VAE's training summary (its test loss: BCE + VQ losses)
   * @param prior             the prior's training summary (losses in nats per dimension)
   * @param testMse           mean squared error per pixel of the test reconstructions
   * @param trainUsage        code usage over the encoded training set
   * @param testUsage         code usage over the encoded test set
   * @param testBitsPerDim    the prior's bits per dimension on the test codes
   * @param uniformBitsPerDim {@code log2 K}
   */
  public record Result(TrainingSummary vqVae, TrainingSummary prior, double testMse, CodeUsage trainUsage,
      CodeUsage testUsage, double testBitsPerDim, double uniformBitsPerDim) {
  }

  /**
   * Trains {@code vqVae} on {@code train}, encodes both sets, trains {@code prior} on the training codes and
   * measures both on {@code test}. The models are trained in place; the listeners hear both trainers.
   */
  public static Result run(VqVae vqVae, PixelCnnPrior prior, Dataset train, Dataset test, Settings s,
      List<TrainingListener> listeners) {
    if (prior.numCodes() != vqVae.numCodes()) {
      throw new IllegalArgumentException("VqVaePipeline.run: the prior models " + prior.numCodes() + " codes but"
          + " the VQ-VAE has " + vqVae.numCodes() + "; build the prior with the VQ-VAE's K");
    }
    TrainingSummary vqSummary = fit(vqVae, train, test, s.vqVaeEpochs(), s.vqVaeRate(), s, listeners);
    vqVae.train(false);
    int[] trainCodes = encode(vqVae, train, s.batchSize());
    int[] testCodes = encode(vqVae, test, s.batchSize());
    double mse = meanSquaredError(vqVae, test, s.batchSize());
    Dataset trainCodeSet = codeDataset(trainCodes);
    Dataset testCodeSet = codeDataset(testCodes);
    TrainingSummary priorSummary = fit(prior, trainCodeSet, testCodeSet, s.priorEpochs(), s.priorRate(), s,
        listeners);
    prior.train(false);
    double bits = bitsPerDimension(prior, testCodeSet, s.batchSize());
    return new Result(vqSummary, priorSummary, mse, CodeUsage.of(trainCodes, vqVae.numCodes()),
        CodeUsage.of(testCodes, vqVae.numCodes()), bits, prior.uniformBitsPerDimension());
  }

  private static TrainingSummary fit(TrainableModel model, Dataset train, Dataset test, int epochs, double rate,
      Settings s, List<TrainingListener> listeners) {
    try (Optimizer adam = Adam.builder(rate).build(model.namedParameters())) {
      TrainerBuilder b = Trainer.builder(model, adam).epochs(epochs).batchSize(s.batchSize()).seed(s.seed())
          .testSet(test);
      listeners.forEach(b::listener);
      return b.build().fit(train);
    }
  }

  /**
   * The code maps of every image of {@code images}, in order: {@code size * 49} indices, example after
   * example, row-major. Records no gradient and never updates the codebook.
   */
  public static int[] encode(VqVae vqVae, Dataset images, int batchSize) {
    int side = VqVae.MAP_SIDE * VqVae.MAP_SIDE;
    int[] codes = new int[Math.multiplyExact(images.size(), side)];
    forEachBatch(vqVae, images, batchSize, (batch, from) -> {
      int[] c = vqVae.encodeToCodes(batch.inputs()).toIntArray();
      System.arraycopy(c, 0, codes, from * side, c.length);
    });
    return codes;
  }

  /** A dataset of {@code (7, 7)} code maps (floats holding the indices), without labels, for the prior. */
  public static Dataset codeDataset(int[] codes) {
    int side = VqVae.MAP_SIDE * VqVae.MAP_SIDE;
    if (codes.length == 0 || codes.length % side != 0) {
      throw new IllegalArgumentException("VqVaePipeline.codeDataset: " + codes.length + " codes are not a whole,"
          + " nonzero number of 7x7 maps");
    }
    float[] values = new float[codes.length];
    for (int i = 0; i < codes.length; i++) {
      values[i] = codes[i];
    }
    return Dataset.of(values, Shape.of(VqVae.MAP_SIDE, VqVae.MAP_SIDE), null);
  }

  /** The mean squared error per pixel of the reconstructions of {@code images}. */
  public static double meanSquaredError(VqVae vqVae, Dataset images, int batchSize) {
    double[] total = {0};
    forEachBatch(vqVae, images, batchSize, (batch, from) ->
        total[0] += vqVae.meanSquaredError(batch.inputs()) * batch.size());
    return total[0] / images.size();
  }

  /** The prior's bits per dimension on a dataset of code maps, averaged over its examples. */
  public static double bitsPerDimension(PixelCnnPrior prior, Dataset codes, int batchSize) {
    double[] total = {0};
    forEachBatch(prior, codes, batchSize, (batch, from) ->
        total[0] += prior.bitsPerDimension(batch.inputs()) * batch.size());
    return total[0] / codes.size();
  }

  /** {@code n} images {@code (n, 1, 28, 28)} in [0, 1]: code maps drawn from the prior, decoded. */
  public static Tensor sampleImages(VqVae vqVae, PixelCnnPrior prior, int n, RandomStream rng) {
    try (NoGrad ignored = NoGrad.enter()) {
      return vqVae.decodeCodes(prior.sample(n, rng));
    }
  }

  private interface BatchAction {
    void accept(Batch batch, int from);
  }

  /** Runs {@code action} on consecutive batches of {@code data} under NoGrad, one scope per batch. */
  private static void forEachBatch(TrainableModel model, Dataset data, int batchSize, BatchAction action) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("VqVaePipeline: batch size must be >= 1, got " + batchSize);
    }
    Tensor p = model.namedParameters().values().iterator().next();
    TensorFactory factory = p.factory();
    DType dtype = p.dtype();
    try (NoGrad ignored = NoGrad.enter()) {
      for (int from = 0; from < data.size(); from += batchSize) {
        int[] idx = new int[Math.min(batchSize, data.size() - from)];
        for (int i = 0; i < idx.length; i++) {
          idx[i] = from + i;
        }
        try (Scope s = Scope.open()) {
          action.accept(Batch.from(data, idx, factory, dtype), from);
        }
      }
    }
  }
}
