package org.vae4j.models;

import java.util.function.Supplier;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.distributions.DiagonalNormal;
import org.vae4j.core.estimators.Elbo;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.Layer;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.TrainableModel;

/**
 * A variational autoencoder (Kingma and Welling 2014): prior N(0, I) over {@code latentDim} dimensions, a
 * diagonal-Gaussian q(z|x) whose encoder emits {@code (N, 2 * latentDim)} (mean, then log-variance), and
 * p(x|z) from a decoder and a {@link Likelihood} (Bernoulli logits by default).
 *
 * <p>Inputs are {@code (N) ++ D} for the data shape D. {@link #loss} is the negative ELBO averaged over the
 * batch as configured by the {@link Elbo} estimator (one sample, analytic KL by default). Parameters are
 * named {@code encoder.*} and {@code decoder.*}; the model owns and closes them.
 */
public final class Vae extends ModuleBase implements VariationalModel, TrainableModel {
  private final Layer encoder;
  private final Layer decoder;
  private final int latentDim;
  private final Shape dataShape;
  private final Likelihood likelihood;
  private final Elbo elbo;
  private final String name;
  private final String config;

  /**
   * A VAE from its networks.
   *
   * @param encoder    {@code (N) ++ D -> (N, 2 * latentDim)}
   * @param decoder    {@code (B, latentDim) -> (B) ++ likelihood.outputShape(D)}
   * @param elbo       the training objective
   * @param name       the model name stored in checkpoints
   * @param config     the configuration string stored in checkpoints
   */
  public Vae(Layer encoder, Layer decoder, int latentDim, Shape dataShape, Likelihood likelihood, Elbo elbo,
      String name, String config) {
    if (latentDim < 1 || dataShape.rank() < 1) {
      throw new IllegalArgumentException("Vae: latentDim must be >= 1 and the data shape non-scalar, got "
          + latentDim + " and " + dataShape);
    }
    this.encoder = registerModule("encoder", encoder);
    this.decoder = registerModule("decoder", decoder);
    this.latentDim = latentDim;
    this.dataShape = dataShape;
    this.likelihood = likelihood;
    this.elbo = elbo;
    this.name = name;
    this.config = config;
    if (namedParameters().isEmpty()) {
      throw new IllegalArgumentException("Vae: the encoder and decoder have no parameters");
    }
  }

  /**
   * The AEVB paper's MLP VAE: one hidden layer of {@code hidden} units with {@code activation} (the paper
   * uses tanh) in the encoder and in the decoder.
   */
  public static Vae mlp(Shape dataShape, int hidden, int latentDim, Supplier<Layer> activation,
      Likelihood likelihood, ParameterFactory p) {
    int in = dataShape.sizeAsInt();
    int[] h = {hidden};
    Layer enc = Networks.mlp(in, h, 2 * latentDim, activation, p);
    Layer dec = Networks.mlpDecoder(latentDim, h, likelihood.outputShape(dataShape), activation, p);
    return new Vae(enc, dec, latentDim, dataShape, likelihood, Elbo.builder().build(), "vae-mlp",
        "data=" + dataShape + " hidden=" + hidden + " latent=" + latentDim + " activation=" + activation.get()
            + " likelihood=" + likelihood);
  }

  /** pytorch/examples' VAE: 784-400-20 with ReLU, Bernoulli likelihood. */
  public static Vae pytorchExample(ParameterFactory p) {
    return mlp(Shape.of(784), 400, 20, Activation::relu, Likelihood.bernoulli(), p);
  }

  /**
   * A convolutional VAE for {@code (1, 28, 28)} images: {@link Networks#convEncoder28} and
   * {@link Networks#convDecoder28}.
   */
  public static Vae convolutional(int latentDim, Likelihood likelihood, ParameterFactory p) {
    Shape data = Shape.of(1, Networks.IMAGE_SIDE, Networks.IMAGE_SIDE);
    Layer enc = Networks.convEncoder28(1, 2 * latentDim, p);
    Layer dec = Networks.convDecoder28(latentDim, likelihood.parametersPerElement(), p);
    return new Vae(enc, dec, latentDim, data, likelihood, Elbo.builder().build(), "vae-conv",
        "data=" + data + " latent=" + latentDim + " likelihood=" + likelihood);
  }

  /**
   * A model sharing (not copying) these networks, trained with another objective (beta, warm-up, free
   * bits, L samples). Close only one of the two.
   */
  public Vae withElbo(Elbo objective) {
    return new Vae(encoder, decoder, latentDim, dataShape, likelihood, objective, name, config);
  }

  /** Latent dimensions L. */
  public int latentDim() {
    return latentDim;
  }

  @Override
  public Shape dataShape() {
    return dataShape;
  }

  /** The decoder's likelihood family. */
  public Likelihood likelihood() {
    return likelihood;
  }

  /** The encoder network. */
  public Layer encoder() {
    return encoder;
  }

  /** The decoder network. */
  public Layer decoder() {
    return decoder;
  }

  /** The training objective. */
  public Elbo objective() {
    return elbo;
  }

  private Tensor anyParameter() {
    return namedParameters().values().iterator().next();
  }

  /** N(0, I) over L dimensions, on the parameters' backend and dtype; empty batch. */
  @Override
  public Distribution prior() {
    Tensor p = anyParameter();
    TensorFactory f = p.factory();
    DType dtype = p.dtype();
    return DiagonalNormal.standard(f, latentDim, dtype);
  }

  @Override
  public Distribution encode(Tensor x) {
    Heads.checkData("Vae.encode", x, dataShape);
    return Heads.gaussianPosterior(encoder.forward(x), latentDim);
  }

  @Override
  public Distribution decode(Tensor z) {
    return Heads.decodeLatents("Vae.decode", decoder, z, latentDim, likelihood, dataShape);
  }

  /** The ELBO of a batch {@code (N) ++ D}, with its parts. */
  public Elbo.Result elbo(Tensor x, RandomStream rng) {
    return elbo.compute(this, x, rng);
  }

  /** The training objective after any KL warm-up. */
  @Override
  public Tensor loss(Batch batch, RandomStream rng) {
    return elbo(batch.inputs(), rng).loss();
  }

  /** The training objective with the KL weight of {@code step} (warm-up schedules advance with it). */
  @Override
  public Tensor loss(Batch batch, RandomStream rng, long step) {
    return elbo.compute(this, batch.inputs(), rng, step).loss();
  }

  /** Minus the batch-mean ELBO itself (beta 1, no free bits), whatever the training objective. */
  @Override
  public Tensor evaluationLoss(Batch batch, RandomStream rng) {
    return elbo(batch.inputs(), rng).perExample().mean().neg();
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
