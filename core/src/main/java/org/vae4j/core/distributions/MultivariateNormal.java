package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.linalg.Triangular;
import org.vae4j.core.random.RandomTensors;

/**
 * The multivariate normal {@code N(loc, L L^T)} held by its lower Cholesky factor L ({@code scale_tril}):
 * loc {@code (..., D)}, L {@code (..., D, D)}, the leading axes broadcast into the batch shape, event
 * {@code (D)}. Reparameterized: {@code loc + L eps}. Built from L ({@link #fromScaleTril}) or from a
 * covariance ({@link #fromCovariance}, factored by {@link Triangular#cholesky}), as torch.distributions.
 *
 * <p>{@code logProb} solves {@code L z = x - loc} by forward substitution rather than inverting, so that
 * scales from 1e-6 to 1e6 on one diagonal stay accurate. Every operation is composed from tensor ops and is
 * differentiable in loc and L; their cost grows with D (D steps of substitution), meant for tens of
 * dimensions. The last reparameterized draw is remembered (see {@link #logProb}); use from one thread at a
 * time.
 */
public final class MultivariateNormal extends AbstractDistribution {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  private final Tensor loc;
  private final Tensor scaleTril;
  private Tensor lastDraw;
  private Tensor lastNoise;

  private MultivariateNormal(Tensor loc, Tensor scaleTril) {
    super(batch(loc, scaleTril), loc.shape().last(1));
    this.loc = loc;
    this.scaleTril = scaleTril;
  }

  private static Shape batch(Tensor loc, Tensor l) {
    Params.broadcast("MultivariateNormal", new String[] {"loc"}, loc);
    Params.broadcast("MultivariateNormal", new String[] {"scaleTril"}, l);
    if (loc.rank() < 1 || l.rank() < 2 || l.dim(-1) != l.dim(-2) || l.dim(-1) != loc.dim(-1)) {
      throw new IllegalArgumentException("MultivariateNormal: loc must be (..., D) and the matrix (..., D, D), got "
          + loc.shape() + " and " + l.shape());
    }
    if (loc.dtype() != l.dtype()) {
      throw new IllegalArgumentException("MultivariateNormal: loc is " + loc.dtype() + " but the matrix is "
          + l.dtype() + "; cast one of them");
    }
    try {
      return Shape.broadcast("MultivariateNormal", loc.shape().dropLast(1), l.shape().dropLast(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("MultivariateNormal: batch shapes do not broadcast: loc " + loc.shape()
          + ", matrix " + l.shape(), e);
    }
  }

  /**
   * From a lower-triangular factor with positive diagonal (torch's {@code scale_tril}).
   *
   * @throws IllegalArgumentException (validation on) when L has nonzero entries above the diagonal, a
   *     diagonal entry not {@code > 0}, or a non-finite entry; or loc is not finite
   */
  public static MultivariateNormal fromScaleTril(Tensor loc, Tensor scaleTril) {
    MultivariateNormal d = new MultivariateNormal(loc, scaleTril);
    ParameterChecks checks = ParameterChecks.of("MultivariateNormal").finite("loc", loc);
    if (Validation.isEnabled()) {
      Tensor upper = scaleTril.mul(Triangular.upperMask(loc.factory(), loc.dim(-1), loc.dtype()));
      checks.require("scaleTril above the diagonal", upper.eq(scalar(upper, 0.0)), upper,
          "0 (a lower-triangular factor)");
      checks.positiveFinite("scaleTril diagonal", Triangular.diagonal(scaleTril)).finite("scaleTril", scaleTril);
    }
    checks.run();
    return d;
  }

  /**
   * From a symmetric positive-definite covariance {@code (..., D, D)}, through its Cholesky factor.
   *
   * @throws IllegalArgumentException (validation on) when the covariance is not symmetric (to 1e-6 relative)
   *     or not positive definite, naming the first failing Cholesky pivot
   */
  public static MultivariateNormal fromCovariance(Tensor loc, Tensor covariance) {
    batch(loc, covariance);
    Validation.finite("MultivariateNormal", "loc", loc);
    if (Validation.isEnabled()) {
      Validation.finite("MultivariateNormal", "covariance", covariance);
      Tensor asym = covariance.sub(covariance.transpose(-1, -2)).abs();
      Tensor bound = covariance.abs().add(covariance.transpose(-1, -2).abs()).mul(1e-6);
      Validation.check("MultivariateNormal", "covariance - covariance^T", asym.le(bound), asym,
          "0 (a symmetric matrix)");
      Validation.check("MultivariateNormal", "covariance's Cholesky pivot", Triangular.pivots(covariance)
          .gt(scalar(loc, 0.0)), Triangular.pivots(covariance), "> 0 (a positive-definite matrix)");
    }
    return new MultivariateNormal(loc, Triangular.cholesky(covariance));
  }

  /** The mean, {@code (..., D)} as given (not expanded). */
  public Tensor loc() {
    return loc;
  }

  /** The lower Cholesky factor L of the covariance, {@code (..., D, D)} as given or computed. */
  public Tensor scaleTril() {
    return scaleTril;
  }

  /** {@code L L^T}. */
  public Tensor covariance() {
    return scaleTril.matmul(scaleTril.transpose(-1, -2));
  }

  /** D. */
  public int dim() {
    return loc.dim(-1);
  }

  @Override
  public DType dtype() {
    return loc.dtype();
  }

  @Override
  public boolean hasRsample() {
    return true;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    Tensor eps = RandomTensors.normal(loc.factory(), rng, extendedShape(sampleShape), dtype());
    Tensor draw = loc.add(scaleTril.matmul(eps.unsqueeze(-1)).squeeze(-1));
    lastDraw = draw;
    lastNoise = eps;
    return draw;
  }

  /** {@code sum log diag(L)}, of L's batch shape: half the log-determinant of the covariance. */
  public Tensor halfLogDet() {
    return Triangular.diagonal(scaleTril).log().sum(-1);
  }

  /**
   * {@code -(D log 2 pi + |L^-1 (x - loc)|^2) / 2 - sum log diag L}. For the last draw of {@link #rsample}
   * (the same tensor object) {@code L^-1 (x - loc)} is that draw's noise, used without solving: its total
   * derivative through the draw is zero, exactly as the solve's.
   */
  @Override
  public Tensor logProb(Tensor value) {
    checkValueShape(value);
    boolean cached = value == lastDraw && !value.isClosed() && !lastNoise.isClosed();
    Tensor z = cached ? lastNoise : Triangular.solveLower(scaleTril, value.sub(loc));
    return z.square().sum(-1).add(dim() * LOG_2PI).mul(-0.5).sub(halfLogDet());
  }

  @Override
  public Tensor mean() {
    return loc.expand(batchShape().append(eventShape()));
  }

  /** The diagonal of the covariance, {@code sum_j L_ij^2}. */
  @Override
  public Tensor variance() {
    return scaleTril.square().sum(-1).expand(batchShape().append(eventShape()));
  }

  /** {@code D (1 + log 2 pi) / 2 + sum log diag L}. */
  @Override
  public Tensor entropy() {
    return halfLogDet().add(0.5 * dim() * (1 + LOG_2PI)).expand(batchShape());
  }
}
