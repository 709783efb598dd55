package org.vae4j.models.bayes;

import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.distributions.Normal;
import org.vae4j.core.estimators.BayesByBackprop;
import org.vae4j.core.kl.KlRegistry;
import org.vae4j.core.nn.Inits;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;

/**
 * A fully connected layer with a diagonal Normal posterior over its weights and biases: {@code w = mu +
 * softplus(rho) * eps}. Input {@code (N, in)}, output {@code (N, out)}. Parameters {@code weight_mu},
 * {@code weight_rho} {@code (out, in)} and {@code bias_mu}, {@code bias_rho} {@code (out)}.
 *
 * <p>Each {@link #forward} draws fresh noise from the given stream and returns the layer's complexity
 * term {@code KL(q(w) || p(w))} (core's {@link BayesByBackprop}): analytic when the KL registry has a rule
 * for the pair (Normal prior), else the one-sample Monte Carlo estimate {@code log q(w) - log p(w)} at the
 * drawn weights (scale mixture). With local reparameterization (Kingma et al. 2015) the pre-activations are
 * drawn directly from their Gaussian {@code N(x mu^T + b_mu, x^2 (sigma^2)^T + sigma_b^2)}, one draw per
 * example; a Monte Carlo KL then uses its own weight draw.
 */
public final class BayesianLinear extends ModuleBase {
  private static final double VARIANCE_FLOOR = 1e-16;

  private final Tensor weightMu;
  private final Tensor weightRho;
  private final Tensor biasMu;
  private final Tensor biasRho;
  private final WeightPrior prior;
  private final boolean localReparameterization;

  /** What one stochastic pass gives: the activations and the layer's KL term (a scalar). */
  public record Output(Tensor activations, Tensor kl) {
  }

  /**
   * Means start as PyTorch's Linear default (uniform, bound 1/sqrt(in)); every rho starts at
   * {@code rhoInit} (so sigma = softplus(rhoInit); -5 gives about 0.0067).
   */
  public BayesianLinear(int in, int out, WeightPrior prior, boolean localReparameterization, double rhoInit,
      ParameterFactory p) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("BayesianLinear: in and out must be >= 1, got " + in + " and " + out);
    }
    Shape w = Shape.of(out, in);
    this.weightMu = registerParameter("weight_mu", p.create(w, Inits.pytorchDefault()));
    this.weightRho = registerParameter("weight_rho", p.create(w, Inits.constant(rhoInit)));
    this.biasMu = registerParameter("bias_mu", p.create(Shape.of(out), Inits.pytorchDefaultBias(w)));
    this.biasRho = registerParameter("bias_rho", p.create(Shape.of(out), Inits.constant(rhoInit)));
    this.prior = prior;
    this.localReparameterization = localReparameterization;
  }

  /** The posterior over the weight matrix, batch {@code (out, in)}. */
  public Normal weightPosterior() {
    return new Normal(weightMu, weightRho.softplus());
  }

  /** The posterior over the bias, batch {@code (out)}. */
  public Normal biasPosterior() {
    return new Normal(biasMu, biasRho.softplus());
  }

  /** The weight prior. */
  public WeightPrior prior() {
    return prior;
  }

  /** One stochastic pass. */
  public Output forward(Tensor x, RandomStream rng) {
    if (x.rank() != 2 || x.dim(1) != weightMu.dim(1)) {
      throw new IllegalArgumentException("BayesianLinear: input " + x.shape() + " must be (N, " + weightMu.dim(1)
          + ")");
    }
    Normal qw = weightPosterior();
    Normal qb = biasPosterior();
    Distribution p = prior.distribution(weightMu.factory(), weightMu.dtype());
    boolean analytic = KlRegistry.hasRule(qw, p);
    if (localReparameterization) {
      Tensor mean = Functions.linear(x, weightMu, biasMu);
      Tensor var = Functions.linear(x.square(), qw.scale().square(), qb.scale().square()).add(VARIANCE_FLOOR);
      Tensor y = new Normal(mean, var.sqrt()).rsample(rng, Shape.scalar());
      Tensor kl = analytic ? analyticKl(qw, qb, p)
          : monteCarloKl(qw, qb, p, qw.rsample(rng, Shape.scalar()), qb.rsample(rng, Shape.scalar()));
      return new Output(y, kl);
    }
    Tensor w = qw.rsample(rng, Shape.scalar());
    Tensor b = qb.rsample(rng, Shape.scalar());
    Tensor kl = analytic ? analyticKl(qw, qb, p) : monteCarloKl(qw, qb, p, w, b);
    return new Output(Functions.linear(x, w, b), kl);
  }

  /** The pass at the posterior means, {@code x mu^T + b_mu}. */
  public Tensor forwardMean(Tensor x) {
    return Functions.linear(x, weightMu, biasMu);
  }

  private static Tensor analyticKl(Normal qw, Normal qb, Distribution p) {
    return BayesByBackprop.complexity(qw, p).add(BayesByBackprop.complexity(qb, p));
  }

  private static Tensor monteCarloKl(Normal qw, Normal qb, Distribution p, Tensor w, Tensor b) {
    return BayesByBackprop.complexity(qw, p, w).add(BayesByBackprop.complexity(qb, p, b));
  }
}
