package org.vae4j.models;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.Tensors;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.distributions.DiagonalNormal;
import org.vae4j.core.estimators.Elbo;
import org.vae4j.core.nn.Activation;
import org.vae4j.core.nn.Layer;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.TrainableModel;

/**
 * A conditional VAE (Sohn et al. 2015): the label's one-hot code is concatenated to the flattened input of
 * the encoder and to z for the decoder, so q(z|x, y) and p(x|z, y); the prior is N(0, I).
 *
 * <p>{@link #conditionedOn(Tensor)} gives, for a fixed batch of labels, a {@link VariationalModel} view on
 * which core's generic estimators (ELBO, IWAE) and the sampling helpers work unchanged. Parameters are
 * named {@code encoder.*} and {@code decoder.*}; the model owns them, views do not.
 */
public final class ConditionalVae extends ModuleBase implements TrainableModel {
  private final Layer encoder;
  private final Layer decoder;
  private final int latentDim;
  private final int classes;
  private final Shape dataShape;
  private final Likelihood likelihood;
  private final Elbo elbo;
  private final String config;

  /**
   * @param encoder {@code (N, prod(D) + classes) -> (N, 2 * latentDim)}
   * @param decoder {@code (B, latentDim + classes) -> (B) ++ likelihood.outputShape(D)}
   */
  public ConditionalVae(Layer encoder, Layer decoder, int latentDim, int classes, Shape dataShape,
      Likelihood likelihood, Elbo elbo, String config) {
    if (latentDim < 1 || classes < 2 || dataShape.rank() < 1) {
      throw new IllegalArgumentException("ConditionalVae: need latentDim >= 1, classes >= 2 and a non-scalar data"
          + " shape, got " + latentDim + ", " + classes + " and " + dataShape);
    }
    this.encoder = registerModule("encoder", encoder);
    this.decoder = registerModule("decoder", decoder);
    this.latentDim = latentDim;
    this.classes = classes;
    this.dataShape = dataShape;
    this.likelihood = likelihood;
    this.elbo = elbo;
    this.config = config;
  }

  /** An MLP CVAE with one hidden layer of {@code hidden} ReLU units on each side, Bernoulli likelihood. */
  public static ConditionalVae mlp(Shape dataShape, int classes, int hidden, int latentDim, ParameterFactory p) {
    Likelihood lik = Likelihood.bernoulli();
    int in = dataShape.sizeAsInt();
    int[] h = {hidden};
    Layer enc = Networks.mlp(in + classes, h, 2 * latentDim, Activation::relu, p);
    Layer dec = Networks.mlpDecoder(latentDim + classes, h, lik.outputShape(dataShape),
        Activation::relu, p);
    return new ConditionalVae(enc, dec, latentDim, classes, dataShape, lik, Elbo.builder().build(),
        "data=" + dataShape + " classes=" + classes + " hidden=" + hidden + " latent=" + latentDim
            + " likelihood=" + lik);
  }

  /** Latent dimensions L. */
  public int latentDim() {
    return latentDim;
  }

  /** Number of label classes. */
  public int classes() {
    return classes;
  }

  /** The data shape D. */
  public Shape dataShape() {
    return dataShape;
  }

  /**
   * The model with labels fixed: INT32 {@code labels (N)} in {@code [0, classes)}. Its {@code encode} takes
   * {@code (N) ++ D}, its {@code decode} any {@code S ++ (N, L)}; closing the view does nothing.
   */
  public VariationalModel conditionedOn(Tensor labels) {
    if (labels.dtype() != DType.INT32 || labels.rank() != 1) {
      throw new IllegalArgumentException("ConditionalVae.conditionedOn: labels must be INT32 of shape (N), got "
          + labels.dtype() + " " + labels.shape());
    }
    return new Conditioned(labels);
  }

  @Override
  public Tensor loss(Batch batch, RandomStream rng) {
    return elbo(batch, rng, Long.MAX_VALUE).loss();
  }

  /** The training objective with the KL weight of {@code step} (warm-up schedules advance with it). */
  @Override
  public Tensor loss(Batch batch, RandomStream rng, long step) {
    return elbo(batch, rng, step).loss();
  }

  /** Minus the batch-mean ELBO itself, whatever the training objective. */
  @Override
  public Tensor evaluationLoss(Batch batch, RandomStream rng) {
    return elbo(batch, rng).perExample().mean().neg();
  }

  /** The ELBO of a labelled batch, with its parts. */
  public Elbo.Result elbo(Batch batch, RandomStream rng) {
    return elbo(batch, rng, Long.MAX_VALUE);
  }

  private Elbo.Result elbo(Batch batch, RandomStream rng, long step) {
    if (!batch.hasLabels()) {
      throw new IllegalArgumentException("ConditionalVae: the batch has no labels; a conditional VAE trains on"
          + " labelled data");
    }
    return elbo.compute(conditionedOn(batch.labels()), batch.inputs(), rng, step);
  }

  /** {@code n} samples with labels {@code 0, 1, ..., classes-1, 0, ...}: {@code (n) ++ D}. */
  public Tensor sample(int n, RandomStream rng) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
    }
    return sample(anyParameter().factory().of(y, Shape.of(n)), rng);
  }

  /** One sample per label of INT32 {@code labels (N)}: {@code (N) ++ D}. */
  public Tensor sample(Tensor labels, RandomStream rng) {
    return conditionedOn(labels).sample(labels.dim(0), rng);
  }

  /** Reconstructions of {@code x (N) ++ D} given their labels. */
  public Tensor reconstruct(Tensor x, Tensor labels) {
    return conditionedOn(labels).reconstruct(x);
  }

  /** Latent means of q(z|x, y): {@code (N, L)}. */
  public Tensor encodeMean(Tensor x, Tensor labels) {
    return conditionedOn(labels).encodeMean(x);
  }

  /** Decoded means along the line between the codes of x1 and x2 (shape D each), all with {@code label}. */
  public Tensor interpolate(Tensor x1, Tensor x2, int label, int steps) {
    Interpolation.check(x1, x2, dataShape, steps);
    Tensor pairLabels = anyParameter().factory().of(new int[] {label, label}, Shape.of(2));
    Tensor codes = conditionedOn(pairLabels).encodeMean(Interpolation.pair(x1, x2));
    int[] y = new int[steps];
    Arrays.fill(y, label);
    VariationalModel line = conditionedOn(anyParameter().factory().of(y, Shape.of(steps)));
    try (NoGrad ignored = NoGrad.enter()) {
      return line.decode(Interpolation.line(codes, steps)).mean();
    }
  }

  @Override
  public String modelName() {
    return "cvae-mlp";
  }

  @Override
  public String modelConfig() {
    return config;
  }

  private Tensor anyParameter() {
    return namedParameters().values().iterator().next();
  }

  /** The labels' one-hot codes {@code (N, classes)} in the parameters' dtype. */
  private Tensor oneHot(Tensor labels) {
    return Functions.oneHot(labels, classes, anyParameter().dtype());
  }

  private final class Conditioned implements VariationalModel {
    private final Tensor labels;

    Conditioned(Tensor labels) {
      this.labels = labels;
    }

    @Override
    public Shape dataShape() {
      return dataShape;
    }

    @Override
    public Distribution prior() {
      Tensor p = anyParameter();
      return DiagonalNormal.standard(p.factory(), latentDim, p.dtype());
    }

    @Override
    public Distribution encode(Tensor x) {
      Heads.checkData("ConditionalVae.encode", x, dataShape);
      checkBatch("encode", x.dim(0));
      Tensor in = Tensors.concat(List.of(x.reshape(x.dim(0), -1), oneHot(labels)), 1);
      return Heads.gaussianPosterior(encoder.forward(in), latentDim);
    }

    @Override
    public Distribution decode(Tensor z) {
      if (z.rank() < 2 || z.dim(-1) != latentDim) {
        throw new IllegalArgumentException("ConditionalVae.decode: z " + z.shape() + " must be S ++ (N, "
            + latentDim + ")");
      }
      checkBatch("decode", z.dim(-2));
      Tensor codes = oneHot(labels).expand(z.shape().dropLast(1).append(classes));
      return Heads.decode(decoder, Tensors.concat(List.of(z, codes), z.rank() - 1), likelihood, dataShape);
    }

    private void checkBatch(String op, int n) {
      if (n != labels.dim(0)) {
        throw new IllegalArgumentException("ConditionalVae." + op + ": batch of " + n + " but the view holds "
            + labels.dim(0) + " labels");
      }
    }

    @Override
    public Map<String, Tensor> namedParameters() {
      return ConditionalVae.this.namedParameters();
    }

    @Override
    public Map<String, Tensor> namedBuffers() {
      return ConditionalVae.this.namedBuffers();
    }

    /** The view owns nothing; the conditional VAE closes the parameters. */
    @Override
    public void close() {
    }
  }
}
