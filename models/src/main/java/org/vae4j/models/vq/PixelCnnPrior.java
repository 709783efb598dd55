package org.vae4j.models.vq;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.distributions.Categorical;
import org.vae4j.core.nn.Conv2d;
import org.vae4j.core.nn.Embedding;
import org.vae4j.core.nn.GatedMaskedBlock;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.TrainableModel;

/**
 * An autoregressive prior over maps of discrete codes (the PixelCNN of VQ-VAE): p(codes) is the product,
 * over positions i in raster order, of a {@link Categorical} over K codes given the codes before i.
 *
 * <p>The network embeds each code, runs gated masked layers ({@link GatedMaskedBlock}: masks exclude the
 * current position in the first layer and include it after), then {@code ReLU, 1x1 conv, ReLU, 1x1 conv} to
 * logits {@code (N, K, H, W)}; a log-softmax over K gives the conditional at each position. The logits at
 * position i never depend on the codes at positions {@code >= i}, so the conditionals of all positions come
 * from one pass (teacher forcing) and sampling goes position by position.
 *
 * <p>Code maps are INT32 {@code (N, H, W)}; training batches may carry them as floats holding integers (the
 * {@link Batch} inputs), as {@link VqVaePipeline#codeDataset} makes them. {@link #loss} is the negative
 * log-likelihood in nats per position (per dimension), averaged over the batch. Parameters are named
 * {@code embedding.*}, {@code layer0.*}..., {@code head1.*}, {@code head2.*}. Not thread-safe.
 */
public final class PixelCnnPrior extends ModuleBase implements TrainableModel {
  private static final double LN2 = Math.log(2.0);

  private final PixelCnnConfig config;
  private final Embedding embedding;
  private final List<GatedMaskedBlock> layers = new ArrayList<>();
  private final Conv2d head1;
  private final Conv2d head2;

  /** A prior of the given sizes, its parameters drawn from {@code params} in the order of the names above. */
  public PixelCnnPrior(PixelCnnConfig config, ParameterFactory params) {
    this.config = config;
    this.embedding = registerModule("embedding", new Embedding(config.numCodes(), config.embedDim(), params));
    for (int i = 0; i < config.layers(); i++) {
      int in = i == 0 ? config.embedDim() : config.channels();
      layers.add(registerModule("layer" + i,
          new GatedMaskedBlock(i == 0, in, config.channels(), config.kernel(), params)));
    }
    this.head1 = registerModule("head1", new Conv2d(config.channels(), config.channels(), 1, 1, 0, params));
    this.head2 = registerModule("head2", new Conv2d(config.channels(), config.numCodes(), 1, 1, 0, params));
  }

  /** The sizes. */
  public PixelCnnConfig config() {
    return config;
  }

  /** K. */
  public int numCodes() {
    return config.numCodes();
  }

  /**
   * Unnormalised logits {@code (N, K, H, W)} of the conditional at every position given the codes before it.
   *
   * @param codes INT32 (or floating holding integers) {@code (N, H, W)} with values in {@code [0, K)}
   */
  public Tensor logits(Tensor codes) {
    Tensor c = indices("PixelCnnPrior.logits", codes);
    Tensor x = embedding.forward(c).permute(0, 3, 1, 2);
    GatedMaskedBlock.Stacks s = new GatedMaskedBlock.Stacks(x, x);
    for (GatedMaskedBlock layer : layers) {
      s = layer.forward(s);
    }
    return head2.forward(head1.forward(s.horizontal().relu()).relu());
  }

  /** The conditionals at every position, a Categorical of batch shape {@code (N, H, W)} over K codes. */
  public Categorical conditionals(Tensor codes) {
    return Categorical.fromLogits(logits(codes).permute(0, 2, 3, 1));
  }

  /** {@code log p(codes)} in nats, summed over positions: {@code (N)}. */
  public Tensor logProb(Tensor codes) {
    Tensor c = indices("PixelCnnPrior.logProb", codes);
    return conditionals(c).logProb(c).sum(new int[] {1, 2}, false);
  }

  /** The mean negative log-likelihood per position in nats, a scalar. */
  public Tensor nllPerDimension(Tensor codes) {
    Tensor c = indices("PixelCnnPrior.nllPerDimension", codes);
    return conditionals(c).logProb(c).mean().neg();
  }

  /** {@code -log2 p(codes) / (H W)} averaged over the batch, on the host; records no gradient. */
  public double bitsPerDimension(Tensor codes) {
    try (NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      return nllPerDimension(codes).item() / LN2;
    }
  }

  /** {@code log2 K}: the bits per dimension of the uniform prior over codes. */
  public double uniformBitsPerDimension() {
    return Math.log(config.numCodes()) / LN2;
  }

  @Override
  public Tensor loss(Batch batch, RandomStream rng) {
    return nllPerDimension(batch.inputs());
  }

  /**
   * Draws {@code n} code maps by ancestral sampling: position by position in raster order, each code from
   * its conditional given the codes drawn before (one network pass per position). Records no gradient.
   *
   * @return INT32 {@code (n, H, W)}, in the caller's scope
   */
  public Tensor sample(int n, RandomStream rng) {
    if (n < 1) {
      throw new IllegalArgumentException("PixelCnnPrior.sample: n must be >= 1, got " + n);
    }
    int h = config.height();
    int w = config.width();
    int[] codes = new int[n * h * w];
    TensorFactory f = embedding.weight().factory();
    Shape shape = Shape.of(n, h, w);
    boolean training = isTraining();
    train(false);
    try (NoGrad ignored = NoGrad.enter()) {
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          try (Scope s = Scope.open()) {
            Tensor l = logits(f.of(codes, shape)).slice(2, r, r + 1).slice(3, c, c + 1).reshape(n, numCodes());
            int[] drawn = Categorical.fromLogits(l).sample(rng, Shape.scalar()).toIntArray();
            for (int i = 0; i < n; i++) {
              codes[(i * h + r) * w + c] = drawn[i];
            }
          }
        }
      }
    } finally {
      train(training);
    }
    return f.of(codes, shape);
  }

  /** {@code codes} checked to be {@code (N, H, W)} and made INT32. */
  private Tensor indices(String op, Tensor codes) {
    if (codes.rank() != 3 || codes.dim(1) != config.height() || codes.dim(2) != config.width()) {
      throw new IllegalArgumentException(op + ": codes " + codes.shape() + " must be (N, " + config.height() + ", "
          + config.width() + ")");
    }
    return codes.dtype() == DType.INT32 ? codes : codes.detach().cast(DType.INT32);
  }

  @Override
  public String modelName() {
    return "pixelcnn-prior";
  }

  @Override
  public String modelConfig() {
    return config.describe();
  }
}
