package org.vae4j.core.inference;

import java.util.Map;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;

/**
 * Stochastic variational inference: fits a {@link Guide} to the posterior of a {@link JointModel} by
 * maximizing {@code ELBO = E_q[log p(data, z) - log q(z)]}, estimated with S draws per step, with the
 * optimizer given (built over the guide's parameters).
 *
 * <p>Gradients: {@link Estimator#REPARAMETERIZED} differentiates the ELBO through reparameterized draws
 * (low variance; needs a guide with {@code hasRsample()}); {@link Estimator#SCORE_FUNCTION} uses
 * REINFORCE, {@code grad E_q[f] = E_q[(f - b) grad log q]} on draws without pathwise gradient, with a
 * baseline b that is an exponential moving average of past ELBO estimates (Williams 1992; Ranganath et al.
 * 2014's black-box VI), which keeps the estimator unbiased and lowers its variance; {@link Estimator#AUTO}
 * picks the first when the guide allows it. The loss differentiated for the score function is the usual
 * surrogate {@code -mean_s[(f_s - b) log q_s + f_s]} with {@code (f_s - b)} held constant.
 *
 * <p>Each step runs in its own {@link Scope}; draws come from the builder's seed, so a run is reproducible on
 * every backend. Not thread-safe. Build with {@link #builder}.
 */
public final class Svi {
  /** How the ELBO's gradient is estimated. */
  public enum Estimator {
    /** Pathwise, through reparameterized draws. */
    REPARAMETERIZED,
    /** REINFORCE with a moving-average baseline; works for discrete latents. */
    SCORE_FUNCTION,
    /** REPARAMETERIZED when the guide has reparameterized draws, else SCORE_FUNCTION. */
    AUTO
  }

  private final JointModel model;
  private final Guide guide;
  private final Optimizer optimizer;
  private final int samples;
  private final boolean reparameterized;
  private final double baselineDecay;
  private final RandomStream rng;
  private double baseline = Double.NaN;

  private Svi(Builder b) {
    this.model = b.model;
    this.guide = b.guide;
    this.optimizer = b.optimizer;
    this.samples = b.samples;
    this.baselineDecay = b.baselineDecay;
    this.rng = PhiloxStream.seeded(b.seed);
    boolean canReparameterize = guide.hasRsample();
    this.reparameterized = switch (b.estimator) {
      case REPARAMETERIZED -> {
        if (!canReparameterize) {
          throw new IllegalArgumentException("Svi: the guide " + guide.getClass().getSimpleName() + " has no"
              + " reparameterized draws; use Estimator.SCORE_FUNCTION or AUTO");
        }
        yield true;
      }
      case SCORE_FUNCTION -> false;
      case AUTO -> canReparameterize;
    };
  }

  /** A builder with S = 1 draw per step, AUTO gradients, baseline decay 0.9 and seed 0. */
  public static Builder builder(JointModel model, Guide guide, Optimizer optimizer) {
    return new Builder(model, guide, optimizer);
  }

  /** True when steps differentiate through reparameterized draws. */
  public boolean reparameterized() {
    return reparameterized;
  }

  /** One optimizer step; returns this step's ELBO estimate (before the update). */
  public double step() {
    try (Scope s = Scope.open()) {
      optimizer.zeroGrad();
      GuideSample draw = guide.sample(rng, samples, reparameterized);
      Tensor f = elboTerms(draw);
      double elbo = f.mean().item();
      Tensor loss;
      if (reparameterized) {
        loss = f.mean().neg();
      } else {
        double b = Double.isNaN(baseline) ? elbo : baseline;
        Tensor weight = f.detach().sub(b);
        loss = weight.mul(draw.logQ()).add(f).mean().neg();
        baseline = Double.isNaN(baseline) ? elbo : baselineDecay * baseline + (1 - baselineDecay) * elbo;
      }
      loss.backward();
      optimizer.step();
      return elbo;
    }
  }

  /** Runs {@code steps} steps; returns each step's ELBO estimate. */
  public double[] run(int steps) {
    double[] trace = new double[steps];
    for (int i = 0; i < steps; i++) {
      trace[i] = step();
    }
    return trace;
  }

  /** An ELBO estimate from {@code draws} fresh draws, without gradients (the draws come in chunks of 1000). */
  public double evaluate(int draws) {
    double sum = 0;
    try (NoGrad ng = NoGrad.enter()) {
      for (int done = 0; done < draws; done += 1000) {
        int n = Math.min(1000, draws - done);
        try (Scope s = Scope.open()) {
          sum += elboTerms(guide.sample(rng, n, guide.hasRsample())).sum().item();
        }
      }
    }
    return sum / draws;
  }

  /** {@code log p(data, z_s) - log q(z_s)}, {@code (S)}. */
  private Tensor elboTerms(GuideSample draw) {
    Map<String, Tensor> z = draw.values();
    for (Latent l : model.latents()) {
      if (!z.containsKey(l.name())) {
        throw new IllegalStateException("Svi: the guide gave no values for the model's latent '" + l.name() + "'");
      }
    }
    Tensor logJoint = model.logJoint(z);
    if (!logJoint.shape().equals(draw.logQ().shape())) {
      throw new IllegalStateException("Svi: logJoint returned shape " + logJoint.shape() + " for "
          + draw.logQ().dim(0) + " draws; it must be (S) = " + draw.logQ().shape());
    }
    return logJoint.sub(draw.logQ());
  }

  /** Settings of an {@link Svi}. */
  public static final class Builder {
    private final JointModel model;
    private final Guide guide;
    private final Optimizer optimizer;
    private int samples = 1;
    private Estimator estimator = Estimator.AUTO;
    private double baselineDecay = 0.9;
    private long seed;

    private Builder(JointModel model, Guide guide, Optimizer optimizer) {
      if (model == null || guide == null || optimizer == null) {
        throw new IllegalArgumentException("Svi: model, guide and optimizer must not be null");
      }
      this.model = model;
      this.guide = guide;
      this.optimizer = optimizer;
    }

    /** S, the draws per step (default 1). */
    public Builder samples(int s) {
      if (s < 1) {
        throw new IllegalArgumentException("Svi: samples must be >= 1, got " + s);
      }
      this.samples = s;
      return this;
    }

    /** How gradients are estimated (default AUTO). */
    public Builder estimator(Estimator e) {
      this.estimator = e;
      return this;
    }

    /** The score-function baseline's moving-average decay, in [0, 1) (default 0.9; 0 uses the last ELBO). */
    public Builder baselineDecay(double decay) {
      if (!(decay >= 0 && decay < 1)) {
        throw new IllegalArgumentException("Svi: baselineDecay must be in [0, 1), got " + decay);
      }
      this.baselineDecay = decay;
      return this;
    }

    /** The seed of the draws (default 0). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    public Svi build() {
      return new Svi(this);
    }
  }
}
