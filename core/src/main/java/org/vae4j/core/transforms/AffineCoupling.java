package org.vae4j.core.transforms;

import org.vae4j.api.Tensor;
import org.vae4j.core.nn.Layer;

/**
 * RealNVP's affine coupling layer (Dinh et al. 2017): with a fixed 0/1 mask b over the D coordinates, the
 * masked part passes through and conditions an affine map of the rest,
 * {@code y = b x + (1 - b) (x exp(s) + t)} where {@code (s_raw, t) = conditioner(b x)} and
 * {@code s = tanh(s_raw)} (scales bounded in [1/e, e], for stability); {@code log|det J| = sum (1 - b) s}.
 * The inverse is as cheap: {@code x = b y + (1 - b) (y - t) exp(-s)}, with s and t from {@code b y = b x}.
 * Alternate the mask between layers so that every coordinate is transformed.
 */
public final class AffineCoupling implements Bijector {
  private final Tensor mask;
  private final Layer conditioner;

  /**
   * @param mask        {@code (D)} of 0 and 1: 1 for the coordinates that pass through
   * @param conditioner {@code (..., D) -> (..., 2D)}: scale logits, then shifts
   */
  public AffineCoupling(Tensor mask, Layer conditioner) {
    if (mask.rank() != 1) {
      throw new IllegalArgumentException("AffineCoupling: the mask must be (D), got " + mask.shape());
    }
    this.mask = mask;
    this.conditioner = conditioner;
  }

  @Override
  public int eventDims() {
    return 1;
  }

  private Tensor[] scaleAndShift(Tensor passed) {
    Tensor out = conditioner.forward(passed);
    int d = mask.dim(0);
    if (out.rank() < 1 || out.dim(-1) != 2 * d) {
      throw new IllegalArgumentException("AffineCoupling: the conditioner maps " + passed.shape() + " to "
          + out.shape() + "; expected (..., " + 2 * d + ")");
    }
    Tensor free = mask.rsub(1.0);
    return new Tensor[] {out.slice(-1, 0, d).tanh().mul(free), out.slice(-1, d, 2 * d).mul(free)};
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor passed = x.mul(mask);
    Tensor[] st = scaleAndShift(passed);
    return passed.add(x.mul(mask.rsub(1.0)).mul(st[0].exp()).add(st[1]));
  }

  @Override
  public Tensor inverse(Tensor y) {
    Tensor passed = y.mul(mask);
    Tensor[] st = scaleAndShift(passed);
    return passed.add(y.mul(mask.rsub(1.0)).sub(st[1]).mul(st[0].neg().exp()));
  }

  @Override
  public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
    return scaleAndShift(x.mul(mask))[0].sum(-1);
  }

  @Override
  public String toString() {
    return "AffineCoupling(D " + mask.dim(0) + ")";
  }
}
