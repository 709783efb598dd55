package org.vae4j.models.vq;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.nn.Layer;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.quantize.VectorQuantizer;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.TrainableModel;

/**
 * VQ-VAE (van den Oord et al. 2017) for {@code (1, 28, 28)} images with pixels in [0, 1]: a convolutional
 * encoder to a 7x7 map of D-dimensional vectors, each snapped to the nearest of K codebook vectors by a
 * {@link VectorQuantizer} (straight-through gradient, codebook or EMA updates, dead-code restarts), and a
 * convolutional decoder back to 28x28 Bernoulli logits.
 *
 * <p><b>Loss.</b> {@code reconstruction + codebook + beta * commitment}, each a mean: the reconstruction
 * term is binary cross-entropy with logits per pixel. MNIST pixels are nearly binary, so a Bernoulli
 * likelihood fits them better than the Gaussian behind MSE; its gradient with respect to a logit is
 * {@code sigmoid(logit) - x}, which does not vanish where the sigmoid saturates (as MSE on sigmoid outputs
 * would), and decoded images {@code sigmoid(logits)} always lie in [0, 1]. The mean squared error of those
 * images is reported as the reconstruction quality ({@link #meanSquaredError}).
 *
 * <p><b>Inputs</b> are {@code (N, 1, 28, 28)}, {@code (N, 28, 28)} or {@code (N, 784)}; code maps are INT32
 * {@code (N, 7, 7)}. Parameters are named {@code encoder.*}, {@code quantizer.codebook} (only when the
 * codebook is trained by its loss) and {@code decoder.*}. With the EMA update the codebook and its averages
 * are not parameters and so are not written by parameter checkpoints. Dead-code restarts draw from a stream
 * split from the parameter factory's at construction, not from the {@code rng} of {@link #loss}.
 *
 * <p>Not thread-safe: the quantizer updates its state in training mode.
 */
public final class VqVae extends ModuleBase implements TrainableModel {
  /** Side of the input images. */
  public static final int IMAGE_SIDE = 28;
  /** Side of the code map. */
  public static final int MAP_SIDE = 7;

  private final VqVaeConfig config;
  private final Layer encoder;
  private final VectorQuantizer quantizer;
  private final Layer decoder;

  /**
   * One forward pass.
   *
   * @param logits             {@code (N, 1, 28, 28)} Bernoulli logits of the reconstruction
   * @param quantized          the quantizer's result on the channels-last map {@code (N, 7, 7, D)}
   * @param reconstructionLoss mean binary cross-entropy per pixel, a scalar
   */
  public record Output(Tensor logits, VectorQuantizer.Result quantized, Tensor reconstructionLoss) {
    /** {@code reconstruction + codebook + commitment}, a scalar. */
    public Tensor loss() {
      return reconstructionLoss.add(quantized.loss());
    }
  }

  /** A VQ-VAE of the given configuration, its parameters drawn from {@code params} (encoder, codebook, decoder). */
  public VqVae(VqVaeConfig config, ParameterFactory params) {
    this.config = config;
    this.encoder = registerModule("encoder", VqVaeNetworks.encoder(config, params));
    VectorQuantizer.Builder b = VectorQuantizer.builder(params.tensors(), params.dtype(), config.numCodes(),
        config.codeDim(), params.rng().split()).beta(config.beta()).restartDeadCodes(config.restartAfter());
    if (config.ema()) {
      b.ema();
    }
    this.quantizer = registerModule("quantizer", b.build());
    this.decoder = registerModule("decoder", VqVaeNetworks.decoder(config, params));
  }

  /** The configuration. */
  public VqVaeConfig config() {
    return config;
  }

  /** K. */
  public int numCodes() {
    return config.numCodes();
  }

  /** The vector quantizer; owned by this model. */
  public VectorQuantizer quantizer() {
    return quantizer;
  }

  /** Encoder, quantizer and decoder on images {@code x}; in training mode the quantizer updates its state. */
  public Output forward(Tensor x) {
    Tensor images = images("VqVae.forward", x);
    Tensor z = encoder.forward(images).permute(0, 2, 3, 1);
    VectorQuantizer.Result q = quantizer.forward(z);
    Tensor logits = decoder.forward(q.quantized().permute(0, 3, 1, 2));
    Tensor rec = Functions.bceWithLogits(logits, images).mean();
    return new Output(logits, q, rec);
  }

  @Override
  public Tensor loss(Batch batch, RandomStream rng) {
    return forward(batch.inputs()).loss();
  }

  /**
   * The index of the nearest code at each position of the 7x7 map: INT32 {@code (N, 7, 7)}. Never updates
   * the codebook; records no gradient.
   */
  public Tensor encodeToCodes(Tensor x) {
    Tensor images = images("VqVae.encodeToCodes", x);
    boolean training = isTraining();
    quantizer.train(false);
    try (NoGrad ignored = NoGrad.enter()) {
      return quantizer.forward(encoder.forward(images).detach().permute(0, 2, 3, 1)).indices();
    } finally {
      quantizer.train(training);
    }
  }

  /** Images {@code (N, 1, 28, 28)} in [0, 1] (Bernoulli means) decoded from INT32 code maps {@code (N, 7, 7)}. */
  public Tensor decodeCodes(Tensor codes) {
    if (codes.dtype() != DType.INT32 || codes.rank() != 3 || codes.dim(1) != MAP_SIDE || codes.dim(2) != MAP_SIDE) {
      throw new IllegalArgumentException("VqVae.decodeCodes: codes must be INT32 (N, " + MAP_SIDE + ", " + MAP_SIDE
          + "), got " + codes.dtype() + " " + codes.shape());
    }
    return decoder.forward(quantizer.lookup(codes).permute(0, 3, 1, 2)).sigmoid();
  }

  /** Reconstructions {@code (N, 1, 28, 28)} in [0, 1] of images {@code x}; never updates the codebook. */
  public Tensor reconstruct(Tensor x) {
    return decodeCodes(encodeToCodes(x));
  }

  /** The mean over pixels and examples of {@code (reconstruct(x) - x)^2}, on the host. */
  public double meanSquaredError(Tensor x) {
    return Functions.mseLoss(reconstruct(x), images("VqVae.meanSquaredError", x)).item();
  }

  /** {@code x} as {@code (N, 1, 28, 28)}. */
  private static Tensor images(String op, Tensor x) {
    int pixels = IMAGE_SIDE * IMAGE_SIDE;
    if (x.rank() < 2 || !x.dtype().isFloatingPoint() || x.size() != (long) x.dim(0) * pixels) {
      throw new IllegalArgumentException(op + ": input " + x.dtype() + " " + x.shape() + " must be floating-point"
          + " (N, 1, 28, 28), (N, 28, 28) or (N, 784)");
    }
    return x.rank() == 4 && x.dim(1) == 1 ? x : x.reshape(x.dim(0), 1, IMAGE_SIDE, IMAGE_SIDE);
  }

  @Override
  public String modelName() {
    return "vqvae";
  }

  @Override
  public String modelConfig() {
    return config.describe();
  }
}
