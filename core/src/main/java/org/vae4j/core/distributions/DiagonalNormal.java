package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;

/**
 * Factories of the diagonal multivariate normal, {@code Independent(Normal(loc, scale), 1)}: the last axis
 * of {@code loc} is the event, the others are the batch. This is the usual VAE posterior and prior.
 */
public final class DiagonalNormal {
  private DiagonalNormal() {
  }

  /** {@code Independent(Normal(loc, scale), 1)}; loc and scale broadcast, rank >= 1. */
  public static Independent of(Tensor loc, Tensor scale) {
    Normal base = new Normal(loc, scale);
    if (base.batchShape().rank() < 1) {
      throw new IllegalArgumentException("DiagonalNormal: loc and scale must have rank >= 1 (the last axis is the"
          + " event), got shapes " + loc.shape() + " and " + scale.shape());
    }
    return new Independent(base, 1);
  }

  /**
   * The encoder's usual parameterisation: scale {@code = exp(0.5 * logVar)}. Differentiable in both.
   */
  public static Independent fromLogVariance(Tensor loc, Tensor logVar) {
    return of(loc, logVar.mul(0.5).exp());
  }

  /** The standard normal N(0, I) with event shape {@code (dim)} and an empty batch: the VAE prior. */
  public static Independent standard(TensorFactory f, int dim, DType dtype) {
    return of(f.zeros(Shape.of(dim), dtype), f.ones(Shape.of(dim), dtype));
  }
}
