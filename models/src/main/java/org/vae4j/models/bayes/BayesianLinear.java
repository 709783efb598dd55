package org.vae4j.models.bayes;

import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.nn.Inits;
import org.vae4j.core.nn.ModuleBase;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.RandomTensors;

/**
 * A fully connected layer with a diagonal Normal posterior over its weights and biases: {@code w = mu +
 * softplus(rho) * eps}. Input {@code (N, in)}, output {@code (N, out)}. Parameters {@code weight_mu},
 * {@code weight_rho} {@code (out, in)} and {@code bias_mu}, {@code bias_rho} {@code (out)}.
 *
 * <p>Each {@link #forward} draws fresh noise from the given stream and returns the KL term of this layer,
 * {@code KL(q(w) || p(w))}: closed form when the prior has one, else the one-sample Monte Carlo estimate
 * {@code log q(w) - log p(w)} at the drawn weights. With local reparameterization (Kingma et al. 2015) the
 * pre-activations are drawn directly from their Gaussian, {@code N(x mu^T + b_mu, x^2 sigma^2T + sigma_b^2)},
 * one draw per example; a Monte Carlo KL then uses its own weight draw.
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

  /** softplus(weight_rho), {@code (out, in)}. */
  public Tensor weightSigma() {
    return weightRho.softplus();
  }

  /** softplus(bias_rho), {@code (out)}. */
  public Tensor biasSigma() {
    return biasRho.softplus();
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
    Tensor ws = weightSigma();
    Tensor bs = biasSigma();
    if (localReparameterization) {
      Tensor mean = Functions.linear(x, weightMu, biasMu);
      Tensor var = Functions.linear(x.square(), ws.square(), bs.square()).add(VARIANCE_FLOOR);
      Tensor eps = RandomTensors.normal(x.factory(), rng, mean.shape(), mean.dtype());
      Tensor y = mean.add(var.sqrt().mul(eps));
      Tensor kl = prior.hasClosedFormKl() ? closedFormKl(ws, bs) : monteCarloKl(sampleWeight(rng, ws),
          sampleBias(rng, bs), ws, bs);
      return new Output(y, kl);
    }
    Tensor w = sampleWeight(rng, ws);
    Tensor b = sampleBias(rng, bs);
    Tensor kl = prior.hasClosedFormKl() ? closedFormKl(ws, bs) : monteCarloKl(w, b, ws, bs);
    return new Output(Functions.linear(x, w, b), kl);
  }

  /** The pass at the posterior means, {@code x mu^T + b_mu}. */
  public Tensor forwardMean(Tensor x) {
    return Functions.linear(x, weightMu, biasMu);
  }

  private Tensor sampleWeight(RandomStream rng, Tensor ws) {
    return weightMu.add(ws.mul(RandomTensors.normal(ws.factory(), rng, ws.shape(), ws.dtype())));
  }

  private Tensor sampleBias(RandomStream rng, Tensor bs) {
    return biasMu.add(bs.mul(RandomTensors.normal(bs.factory(), rng, bs.shape(), bs.dtype())));
  }

  private Tensor closedFormKl(Tensor ws, Tensor bs) {
    return prior.kl(weightMu, ws).add(prior.kl(biasMu, bs));
  }

  private Tensor monteCarloKl(Tensor w, Tensor b, Tensor ws, Tensor bs) {
    Tensor logQ = WeightPrior.normalLogDensity(w, weightMu, ws).add(WeightPrior.normalLogDensity(b, biasMu, bs));
    return logQ.sub(prior.logProb(w)).sub(prior.logProb(b));
  }
}
