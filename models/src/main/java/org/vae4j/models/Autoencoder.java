package org.vae4j.models;

import java.util.function.Supplier;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.nn.Layer;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.RandomTensors;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.TrainableModel;

/**
 * The deterministic baseline: an encoder {@code (N) ++ D -> (N, L)} straight to a code and a decoder
 * {@code (N, L) -> (N) ++ D} of logits, trained with binary cross-entropy with logits (summed over each
 * example's elements, averaged over the batch) — the VAE's reconstruction term without noise or KL.
 *
 * <p>Its latent space is not regularized, so {@link #sample} (which decodes N(0, I) codes) shows what a
 * VAE's prior buys. Parameters are named {@code encoder.*} and {@code decoder.*}.
 */
public final class Autoencoder extends ModuleBase implements GenerativeModel, TrainableModel {
  private final Layer encoder;
  private final Layer decoder;
  private final int latentDim;
  private final Shape dataShape;
  private final String name;
  private final String config;

  /**
   * @param encoder {@code (N) ++ D -> (N, latentDim)}
   * @param decoder {@code (N, latentDim) -> (N) ++ D}, logits
   */
  public Autoencoder(Layer encoder, Layer decoder, int latentDim, Shape dataShape, String name, String config) {
    this.encoder = registerModule("encoder", encoder);
    this.decoder = registerModule("decoder", decoder);
    this.latentDim = latentDim;
    this.dataShape = dataShape;
    this.name = name;
    this.config = config;
  }

  /** The MLP layout of {@link Vae#mlp} with a code of {@code latentDim} instead of a Gaussian. */
  public static Autoencoder mlp(Shape dataShape, int hidden, int latentDim, Supplier<Layer> activation,
      ParameterFactory p) {
    int[] h = {hidden};
    return new Autoencoder(Networks.mlp(dataShape.sizeAsInt(), h, latentDim, activation, p),
        Networks.mlpDecoder(latentDim, h, dataShape, activation, p), latentDim, dataShape, "ae-mlp",
        "data=" + dataShape + " hidden=" + hidden + " latent=" + latentDim + " activation=" + activation.get());
  }

  /** The layout of {@link Vae#convolutional} for {@code (1, 28, 28)} images. */
  public static Autoencoder convolutional(int latentDim, ParameterFactory p) {
    Shape data = Shape.of(1, Networks.IMAGE_SIDE, Networks.IMAGE_SIDE);
    return new Autoencoder(Networks.convEncoder28(1, latentDim, p), Networks.convDecoder28(latentDim, 1, p),
        latentDim, data, "ae-conv", "data=" + data + " latent=" + latentDim);
  }

  /** The data shape D. */
  public Shape dataShape() {
    return dataShape;
  }

  /** Logits {@code (N) ++ D} of the reconstruction of {@code x}, recording gradients. */
  public Tensor logits(Tensor x) {
    Heads.checkData("Autoencoder", x, dataShape);
    return decodeLogits(encoder.forward(x));
  }

  private Tensor decodeLogits(Tensor z) {
    Tensor out = decoder.forward(z);
    if (!out.shape().equals(dataShape.prepend(z.dim(0)))) {
      throw new IllegalArgumentException("Autoencoder: decoder maps " + z.shape() + " to " + out.shape()
          + ", expected (" + z.dim(0) + ") ++ " + dataShape);
    }
    return out;
  }

  /** Binary cross-entropy with logits, summed per example and averaged over the batch; {@code rng} unused. */
  @Override
  public Tensor loss(Batch batch, RandomStream rng) {
    Tensor x = batch.inputs();
    Tensor perElement = Functions.bceWithLogits(logits(x), x);
    return perElement.reshape(x.dim(0), -1).sum(1).mean();
  }

  @Override
  public Tensor sample(int n, RandomStream rng) {
    Tensor p = namedParameters().values().iterator().next();
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor z = RandomTensors.normal(p.factory(), rng, Shape.of(n, latentDim), p.dtype());
      return decodeLogits(z).sigmoid();
    }
  }

  @Override
  public Tensor reconstruct(Tensor x) {
    try (NoGrad ignored = NoGrad.enter()) {
      return logits(x).sigmoid();
    }
  }

  @Override
  public Tensor encodeMean(Tensor x) {
    Heads.checkData("Autoencoder.encodeMean", x, dataShape);
    try (NoGrad ignored = NoGrad.enter()) {
      return encoder.forward(x);
    }
  }

  @Override
  public Tensor interpolate(Tensor x1, Tensor x2, int steps) {
    Interpolation.check(x1, x2, dataShape, steps);
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor codes = encoder.forward(Interpolation.pair(x1, x2));
      return decodeLogits(Interpolation.line(codes, steps)).sigmoid();
    }
  }

  @Override
  public String modelName() {
    return name;
  }

  @Override
  public String modelConfig() {
    return config;
  }
}
