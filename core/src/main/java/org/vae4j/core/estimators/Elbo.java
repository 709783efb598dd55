package org.vae4j.core.estimators;

import org.vae4j.api.Distribution;
import org.vae4j.api.LatentVariableModel;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.distributions.Independent;
import org.vae4j.core.kl.KlRegistry;

/**
 * The evidence lower bound {@code ELBO(x) = E_q(z|x)[log p(x|z)] - KL(q(z|x) || p(z))} of a
 * {@link LatentVariableModel}, estimated with L reparameterized samples per example.
 *
 * <p>The KL term is analytic (through {@link KlRegistry}) or the Monte Carlo estimate on the same samples,
 * weighted by a {@link KlSchedule} (beta and warm-up) in the loss; with free bits (Kingma et al. 2016) each
 * latent dimension's batch-mean KL counts as at least {@code freeBits} nats in the loss. The per-example
 * ELBO reported is always the true, unweighted bound. Immutable and thread-safe; build with
 * {@link #builder()}.
 */
public final class Elbo {
  /** How the KL term is computed. */
  public enum KlMode {
    /** Analytic through {@link KlRegistry}; fails when the pair has no rule. */
    ANALYTIC,
    /** {@code mean_l [log q(z_l|x) - log p(z_l)]} on the reconstruction samples. */
    MONTE_CARLO,
    /** Analytic when a rule exists, else Monte Carlo (the default). */
    AUTO
  }

  /**
   * One evaluation. Shapes: {@code loss} is a scalar to minimise (includes KL weight, free bits and the
   * reduction); {@code perExample}, {@code reconstruction} and {@code kl} are {@code (N)}, with
   * {@code perExample = reconstruction - kl}.
   *
   * @param klWeight the beta used in {@code loss}
   */
  public record Result(Tensor loss, Tensor perExample, Tensor reconstruction, Tensor kl, double klWeight) {
    /** The batch-mean ELBO, read to the host. */
    public double elbo() {
      return perExample.mean().item();
    }
  }

  private final int samples;
  private final KlMode klMode;
  private final KlSchedule klWeight;
  private final double freeBits;
  private final Reduction reduction;
  private final long datasetSize;

  private Elbo(Builder b) {
    this.samples = b.samples;
    this.klMode = b.klMode;
    this.klWeight = b.klWeight;
    this.freeBits = b.freeBits;
    this.reduction = b.reduction;
    this.datasetSize = b.datasetSize;
  }

  /** A builder with L = 1, AUTO KL, beta = 1, no free bits, MEAN reduction. */
  public static Builder builder() {
    return new Builder();
  }

  /** The ELBO with the KL weight after any warm-up ({@code step = Long.MAX_VALUE}). */
  public Result compute(LatentVariableModel model, Tensor x, RandomStream rng) {
    return compute(model, x, rng, Long.MAX_VALUE);
  }

  /**
   * The ELBO of the batch {@code x} of shape {@code (N) ++ D}, the KL weighted as at {@code step}.
   *
   * @throws UnsupportedOperationException when q(z|x) has no rsample, or ANALYTIC KL has no rule
   */
  public Result compute(LatentVariableModel model, Tensor x, RandomStream rng, long step) {
    Distribution q = model.encode(x);
    Distribution prior = model.prior();
    if (!q.hasRsample()) {
      throw new UnsupportedOperationException("Elbo: the posterior " + q.getClass().getSimpleName() + " has no"
          + " rsample, so the reparameterized ELBO cannot be differentiated; use a reparameterizable posterior");
    }
    Tensor z = q.rsample(rng, Shape.of(samples));
    Tensor reconstruction = model.decode(z).logProb(x).mean(0);
    boolean analytic = klMode == KlMode.ANALYTIC || (klMode == KlMode.AUTO && KlRegistry.hasRule(q, prior));
    Tensor kl;
    Tensor klTerm;
    if (freeBits > 0) {
      Tensor perDim = perDimensionKl(q, prior, z, analytic);
      int eventAxes = perDim.rank() - 1;
      kl = Independent.sumRightmost(perDim, eventAxes);
      Tensor floor = perDim.factory().scalar(freeBits, perDim.dtype());
      klTerm = perDim.mean(0).maximum(floor).sum();
    } else {
      kl = analytic ? KlRegistry.kl(q, prior) : q.logProb(z).sub(prior.logProb(z)).mean(0);
      klTerm = kl.mean();
    }
    double beta = klWeight.weight(step);
    Tensor perExample = reconstruction.sub(kl);
    Tensor loss = reconstruction.mean().neg().add(klTerm.mul(beta));
    int n = x.dim(0);
    loss = switch (reduction) {
      case MEAN -> loss;
      case SUM -> loss.mul(n);
      case DATASET -> loss.mul((double) datasetSize);
    };
    return new Result(loss, perExample, reconstruction, kl, beta);
  }

  /** KL per example and latent dimension, {@code (N) ++ E}: needs Independent posterior and prior. */
  private static Tensor perDimensionKl(Distribution q, Distribution prior, Tensor z, boolean analytic) {
    if (!(q instanceof Independent qi) || !(prior instanceof Independent pi)
        || qi.reinterpretedBatchDims() != pi.reinterpretedBatchDims()) {
      throw new IllegalArgumentException("Elbo: free bits need the posterior and the prior to be Independent"
          + " with the same event axes (e.g. DiagonalNormal), got " + q.getClass().getSimpleName() + " and "
          + prior.getClass().getSimpleName());
    }
    if (analytic) {
      return KlRegistry.kl(qi.base(), pi.base());
    }
    return qi.base().logProb(z).sub(pi.base().logProb(z)).mean(0);
  }

  /** Settings of an {@link Elbo}. */
  public static final class Builder {
    private int samples = 1;
    private KlMode klMode = KlMode.AUTO;
    private KlSchedule klWeight = KlSchedule.constant(1.0);
    private double freeBits;
    private Reduction reduction = Reduction.MEAN;
    private long datasetSize;

    private Builder() {
    }

    /** L, the number of posterior samples per example (default 1). */
    public Builder samples(int l) {
      if (l < 1) {
        throw new IllegalArgumentException("Elbo: samples must be >= 1, got " + l);
      }
      this.samples = l;
      return this;
    }

    /** How the KL term is computed (default AUTO). */
    public Builder kl(KlMode mode) {
      this.klMode = mode;
      return this;
    }

    /** A constant KL weight beta (default 1). */
    public Builder beta(double beta) {
      return klWeight(KlSchedule.constant(beta));
    }

    /** A KL weight that depends on the step, e.g. {@link KlSchedule#linearWarmup}. */
    public Builder klWeight(KlSchedule schedule) {
      this.klWeight = schedule;
      return this;
    }

    /**
     * Free bits: each latent dimension's batch-mean KL counts in the loss as at least {@code nats}
     * (0 = off, the default). Needs Independent posterior and prior.
     */
    public Builder freeBits(double nats) {
      if (!(nats >= 0) || Double.isInfinite(nats)) {
        throw new IllegalArgumentException("Elbo: freeBits must be finite and >= 0, got " + nats);
      }
      this.freeBits = nats;
      return this;
    }

    /** MEAN (default) or SUM over the batch. */
    public Builder reduction(Reduction r) {
      if (r == Reduction.DATASET) {
        throw new IllegalArgumentException("Elbo: use datasetSize(N) for the N/M minibatch scaling");
      }
      this.reduction = r;
      return this;
    }

    /** The AEVB minibatch scaling: the loss is minus {@code N / M} times the batch sum. */
    public Builder datasetSize(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("Elbo: datasetSize must be >= 1, got " + n);
      }
      this.datasetSize = n;
      this.reduction = Reduction.DATASET;
      return this;
    }

    public Elbo build() {
      return new Elbo(this);
    }
  }
}
