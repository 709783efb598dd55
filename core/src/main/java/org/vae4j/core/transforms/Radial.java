package org.vae4j.core.transforms;

import org.vae4j.api.Tensor;

/**
 * The radial flow of Rezende and Mohamed (2015): {@code y = x + beta h(r) (x - x0)} with
 * {@code r = |x - x0|} and {@code h(r) = 1 / (alpha + r)}, on vectors of D coordinates. As Pyro, the raw
 * parameters are mapped to {@code alpha = softplus(alphaRaw) > 0} and {@code beta = -alpha +
 * softplus(betaRaw) >= -alpha}, which keeps the map invertible; {@code log|det J| = (D - 1) log(1 + beta h)
 * + log(1 + beta h - beta h^2 r)}.
 *
 * <p>The inverse is closed-form: {@code |y - x0| = r (1 + beta / (alpha + r))} is a quadratic in r with one
 * nonnegative root. Parameters x0 {@code (..., D)}, alphaRaw and betaRaw {@code (...)} broadcast with x's
 * leading axes.
 */
public final class Radial implements Bijector {
  private final Tensor x0;
  private final Tensor alpha;
  private final Tensor beta;

  public Radial(Tensor x0, Tensor alphaRaw, Tensor betaRaw) {
    if (x0.rank() < 1) {
      throw new IllegalArgumentException("Radial: x0 must be (..., D), got " + x0.shape());
    }
    this.x0 = x0;
    this.alpha = alphaRaw.softplus();
    this.beta = betaRaw.softplus().sub(alpha);
  }

  @Override
  public int eventDims() {
    return 1;
  }

  private static Tensor norm(Tensor v) {
    return v.square().sum(-1).sqrt();
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor diff = x.sub(x0);
    Tensor h = alpha.add(norm(diff)).reciprocal();
    return x.add(beta.mul(h).unsqueeze(-1).mul(diff));
  }

  @Override
  public Tensor inverse(Tensor y) {
    Tensor dy = y.sub(x0);
    Tensor big = norm(dy);
    Tensor s = alpha.add(beta).sub(big);
    Tensor root = s.square().add(big.mul(alpha).mul(4.0)).sqrt();
    // r = (root - s) / 2, written as 2 R alpha / (root + s) where s > 0 so that nothing cancels
    Tensor positive = s.gt(s.factory().scalar(0.0, s.dtype()));
    Tensor r = positive.where(big.mul(alpha).mul(2.0).div(root.add(s)), root.sub(s).mul(0.5));
    Tensor factor = beta.div(alpha.add(r)).add(1.0);
    return x0.add(dy.div(factor.unsqueeze(-1)));
  }

  @Override
  public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
    Tensor r = norm(x.sub(x0));
    Tensor h = alpha.add(r).reciprocal();
    Tensor bh = beta.mul(h);
    int d = x.dim(-1);
    return bh.log1p().mul(d - 1).add(bh.sub(bh.mul(h).mul(r)).log1p());
  }

  @Override
  public String toString() {
    return "Radial(x0 " + x0.shape() + ")";
  }
}
