package org.vae4j.core.transforms;

import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;

/**
 * The planar flow of Rezende and Mohamed (2015): {@code y = x + u' tanh(w . x + b)} on vectors (the last
 * axis), with {@code u' = u + (m(w . u) - w . u) w / |w|^2} and {@code m(a) = -1 + softplus(a)}, which makes
 * {@code w . u' > -1} and so the map invertible for any parameters. {@code log|det J| = log(1 + (1 -
 * tanh^2(w . x + b)) w . u')}.
 *
 * <p>Parameters: u and w {@code (..., D)} and b {@code (...)}, broadcasting with x's leading axes, so that an
 * encoder can emit one flow per example (an amortized flow). The inverse has no closed form: the scalar
 * {@code a = w . x} solves {@code a + (w . u') tanh(a + b) = w . y}, a monotone equation bracketed within
 * {@code |w . u'|} of {@code w . y}; it is found by 64 bisection steps without recording, then one Newton
 * step on the tape, which gives the implicit-function gradient with respect to y and the parameters.
 */
public final class Planar implements Bijector {
  private static final int BISECTIONS = 64;
  private final Tensor u;
  private final Tensor w;
  private final Tensor b;

  /**
   * @param u {@code (..., D)}
   * @param w {@code (..., D)}
   * @param b {@code (...)}: the bias, one per flow
   */
  public Planar(Tensor u, Tensor w, Tensor b) {
    if (u.rank() < 1 || w.rank() < 1 || u.dim(-1) != w.dim(-1)) {
      throw new IllegalArgumentException("Planar: u " + u.shape() + " and w " + w.shape() + " must both be (..., D)");
    }
    this.u = u;
    this.w = w;
    this.b = b;
  }

  @Override
  public int eventDims() {
    return 1;
  }

  /** {@code w . u'}, always {@code > -1}: {@code -1 + softplus(w . u)}. */
  private Tensor wDotUHat() {
    return w.mul(u).sum(-1).softplus().sub(1.0);
  }

  /** {@code u'}, {@code (..., D)}. */
  Tensor uHat() {
    Tensor wu = w.mul(u).sum(new int[] {-1}, true);
    Tensor m = wu.softplus().sub(1.0);
    return u.add(m.sub(wu).mul(w).div(w.square().sum(new int[] {-1}, true)));
  }

  private Tensor preActivation(Tensor x) {
    return x.mul(w).sum(-1).add(b);
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.add(uHat().mul(preActivation(x).tanh().unsqueeze(-1)));
  }

  @Override
  public Tensor inverse(Tensor y) {
    Tensor c = y.mul(w).sum(-1);                      // w . y = a + k tanh(a + b), a = w . x
    Tensor k = wDotUHat();
    Tensor a;
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor cd = c.detach();
      Tensor kd = k.detach().abs();
      Tensor lo = cd.sub(kd);
      Tensor hi = cd.add(kd);
      for (int i = 0; i < BISECTIONS; i++) {
        Tensor mid = lo.add(hi).mul(0.5);
        Tensor below = residual(mid, k.detach(), b.detach(), cd).lt(mid.factory().scalar(0.0, mid.dtype()));
        lo = below.where(mid, lo);
        hi = below.where(hi, mid);
      }
      a = lo.add(hi).mul(0.5);
    }
    Tensor t = a.add(b).tanh();
    Tensor newton = a.sub(residual(a, k, b, c).div(t.square().rsub(1.0).mul(k).add(1.0)));
    return y.sub(uHat().mul(newton.add(b).tanh().unsqueeze(-1)));
  }

  /** {@code a + k tanh(a + b) - c}, increasing in a. */
  private static Tensor residual(Tensor a, Tensor k, Tensor b, Tensor c) {
    return a.add(k.mul(a.add(b).tanh())).sub(c);
  }

  @Override
  public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
    Tensor t = preActivation(x).tanh();
    return t.square().rsub(1.0).mul(wDotUHat()).log1p();
  }

  @Override
  public String toString() {
    return "Planar(u " + u.shape() + ", w " + w.shape() + ", b " + b.shape() + ")";
  }
}
