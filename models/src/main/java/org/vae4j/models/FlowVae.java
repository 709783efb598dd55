package org.vae4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.distributions.DiagonalNormal;
import org.vae4j.core.distributions.TransformedDistribution;
import org.vae4j.core.estimators.Elbo;
import org.vae4j.core.nn.Layer;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.train.Batch;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.core.transforms.AffineAutoregressive;
import org.vae4j.core.transforms.Bijector;
import org.vae4j.core.transforms.Made;
import org.vae4j.core.transforms.Permutation;
import org.vae4j.core.transforms.Planar;

/**
 * A VAE whose posterior is a normalizing flow conditioned on the encoder: a diagonal Gaussian
 * {@code N(mu(x), sigma(x)^2)} pushed through K steps of
 * <ul>
 *   <li>{@link Flow#IAF}: inverse autoregressive flow (Kingma et al. 2016), each step a gated
 *   {@link AffineAutoregressive} whose {@link Made} also reads a context vector {@code h(x)} from the encoder,
 *   the latent order reversed between steps;
 *   <li>{@link Flow#PLANAR}: planar flows (Rezende and Mohamed 2015) whose parameters {@code u, w, b} the
 *   encoder emits per example;
 *   <li>{@link Flow#NONE}: no step, the usual VAE posterior, for comparisons on the same architecture.
 * </ul>
 * The encoder emits {@code (N, 2L + extra)}: mean, log-variance, then the context (IAF, {@code extra = H}) or
 * the K planar parameter sets ({@code extra = K (2L + 1)}). The prior is N(0, I) and the decoder a
 * {@link Likelihood} as in {@link Vae}. The KL term has no closed form and is the Monte Carlo estimate on the
 * ELBO's draws, for every flow including NONE (so the three differ only in the posterior); the flow's
 * log-density of its own draws needs no inversion (see {@link TransformedDistribution}).
 *
 * <p>Parameters {@code encoder.*}, {@code decoder.*} and, for IAF, {@code stepK.*}; the model owns them.
 */
public final class FlowVae extends ModuleBase implements VariationalModel, TrainableModel {
  /** The posterior's flow. */
  public enum Flow {
    NONE, IAF, PLANAR
  }

  private final Layer encoder;
  private final Layer decoder;
  private final Flow flow;
  private final int steps;
  private final int latentDim;
  private final int contextDim;
  private final List<Made> mades = new ArrayList<>();
  private final Shape dataShape;
  private final Likelihood likelihood;
  private final Elbo elbo;
  private final String config;

  private FlowVae(Layer encoder, Layer decoder, Flow flow, int steps, int latentDim, int contextDim,
      int[] madeHidden, Shape dataShape, Likelihood likelihood, ParameterFactory p, String config) {
    this.encoder = registerModule("encoder", encoder);
    this.decoder = registerModule("decoder", decoder);
    this.flow = flow;
    this.steps = flow == Flow.NONE ? 0 : steps;
    this.latentDim = latentDim;
    this.contextDim = flow == Flow.IAF ? contextDim : 0;
    this.dataShape = dataShape;
    this.likelihood = likelihood;
    this.elbo = Elbo.builder().kl(Elbo.KlMode.MONTE_CARLO).build();
    this.config = config;
    if (flow == Flow.IAF) {
      for (int k = 0; k < steps; k++) {
        mades.add(registerModule("step" + k, new Made(latentDim, madeHidden, contextDim, 1.5, p)));
      }
    }
  }

  /**
   * An MLP flow-posterior VAE: encoder {@code Linear(D, hidden), act, Linear(hidden, 2L + extra)}, decoder
   * the mirror, as {@link Vae#mlp}.
   *
   * @param steps      K (ignored for NONE)
   * @param contextDim H, the IAF context length (ignored otherwise)
   * @param madeHidden the hidden widths of each IAF step's MADE (ignored otherwise)
   */
  public static FlowVae mlp(Shape dataShape, int hidden, int latentDim, Supplier<Layer> activation, Flow flow,
      int steps, int contextDim, int[] madeHidden, Likelihood likelihood, ParameterFactory p) {
    if (latentDim < 1 || (flow != Flow.NONE && steps < 1) || (flow == Flow.IAF && contextDim < 1)) {
      throw new IllegalArgumentException("FlowVae: need latentDim >= 1, steps >= 1 for a flow and contextDim >= 1"
          + " for IAF, got latentDim " + latentDim + ", " + flow + " with " + steps + " steps, contextDim "
          + contextDim);
    }
    int extra = switch (flow) {
      case NONE -> 0;
      case IAF -> contextDim;
      case PLANAR -> steps * (2 * latentDim + 1);
    };
    int[] h = {hidden};
    Layer enc = Networks.mlp(dataShape.sizeAsInt(), h, 2 * latentDim + extra, activation, p);
    Layer dec = Networks.mlpDecoder(latentDim, h, likelihood.outputShape(dataShape), activation, p);
    String config = String.format(Locale.ROOT, "data=%s hidden=%d latent=%d activation=%s flow=%s steps=%d"
        + " context=%d made=%s likelihood=%s", dataShape, hidden, latentDim, activation.get(), flow,
        flow == Flow.NONE ? 0 : steps, flow == Flow.IAF ? contextDim : 0, java.util.Arrays.toString(madeHidden),
        likelihood);
    return new FlowVae(enc, dec, flow, steps, latentDim, contextDim, madeHidden, dataShape, likelihood, p, config);
  }

  public Flow flow() {
    return flow;
  }

  public int latentDim() {
    return latentDim;
  }

  @Override
  public Shape dataShape() {
    return dataShape;
  }

  @Override
  public Distribution prior() {
    Tensor p = namedParameters().values().iterator().next();
    return DiagonalNormal.standard(p.factory(), latentDim, p.dtype());
  }

  /** q(z|x): batch {@code (N)}, event {@code (L)}. */
  @Override
  public TransformedDistribution encode(Tensor x) {
    Heads.checkData("FlowVae.encode", x, dataShape);
    Tensor out = encoder.forward(x);
    int l = latentDim;
    Distribution base = DiagonalNormal.fromLogVariance(out.slice(1, 0, l), out.slice(1, l, 2 * l));
    List<Bijector> bijectors = new ArrayList<>();
    if (flow == Flow.IAF) {
      Tensor context = out.slice(1, 2 * l, 2 * l + contextDim);
      for (int k = 0; k < steps; k++) {
        if (k > 0) {
          bijectors.add(Permutation.reverse(l));
        }
        bijectors.add(new AffineAutoregressive(mades.get(k), context, AffineAutoregressive.Form.GATED));
      }
    } else if (flow == Flow.PLANAR) {
      int at = 2 * l;
      for (int k = 0; k < steps; k++) {
        Tensor u = out.slice(1, at, at + l);
        Tensor w = out.slice(1, at + l, at + 2 * l);
        Tensor b = out.slice(1, at + 2 * l, at + 2 * l + 1).squeeze(1);
        bijectors.add(new Planar(u, w, b));
        at += 2 * l + 1;
      }
    }
    return new TransformedDistribution(base, bijectors);
  }

  @Override
  public Distribution decode(Tensor z) {
    return Heads.decodeLatents("FlowVae.decode", decoder, z, latentDim, likelihood, dataShape);
  }

  /** The ELBO of a batch, with its parts (Monte Carlo KL on one draw per example). */
  public Elbo.Result elbo(Tensor x, RandomStream rng) {
    return elbo.compute(this, x, rng);
  }

  @Override
  public Tensor loss(Batch batch, RandomStream rng) {
    return elbo(batch.inputs(), rng).loss();
  }

  @Override
  public Tensor evaluationLoss(Batch batch, RandomStream rng) {
    return elbo(batch.inputs(), rng).perExample().mean().neg();
  }

  /**
   * The posterior mean has no closed form under a flow; this is the flow applied to the base mean (the mean
   * itself when there is no flow), used for reconstructions and interpolations.
   */
  @Override
  public Tensor encodeMean(Tensor x) {
    try (NoGrad ignored = NoGrad.enter()) {
      TransformedDistribution q = encode(x);
      return q.bijector().forward(q.base().mean());
    }
  }

  @Override
  public Tensor reconstruct(Tensor x) {
    try (NoGrad ignored = NoGrad.enter()) {
      return decode(encodeMean(x)).mean();
    }
  }

  @Override
  public Tensor interpolate(Tensor x1, Tensor x2, int steps) {
    Interpolation.check(x1, x2, dataShape, steps);
    try (NoGrad ignored = NoGrad.enter()) {
      return decode(Interpolation.line(encodeMean(Interpolation.pair(x1, x2)), steps)).mean();
    }
  }

  @Override
  public String modelName() {
    return "vae-flow-" + flow.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String modelConfig() {
    return config;
  }
}
