package org.vae4j.core.transforms;

import org.vae4j.api.Tensor;

/**
 * {@code y = loc + scale * x} elementwise (torch's {@code AffineTransform}), with loc and scale tensors that
 * broadcast with x; {@code log|det J| = log|scale|}, summed over the last {@code eventDims} axes when the map
 * is declared to act on events of that rank. Scale must be nonzero.
 */
public final class Affine implements Bijector {
  private final Tensor loc;
  private final Tensor scale;
  private final int eventDims;

  /**
   * @param eventDims 0 for an elementwise map, or the rank of the events it acts on (the log-determinant is
   *     then summed over them)
   */
  public Affine(Tensor loc, Tensor scale, int eventDims) {
    if (eventDims < 0) {
      throw new IllegalArgumentException("Affine: eventDims must be >= 0, got " + eventDims);
    }
    this.loc = loc;
    this.scale = scale;
    this.eventDims = eventDims;
  }

  public Tensor loc() {
    return loc;
  }

  public Tensor scale() {
    return scale;
  }

  @Override
  public int eventDims() {
    return eventDims;
  }

  @Override
  public Tensor forward(Tensor x) {
    return loc.add(scale.mul(x));
  }

  @Override
  public Tensor inverse(Tensor y) {
    return y.sub(loc).div(scale);
  }

  @Override
  public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
    Tensor perElement = scale.abs().log().expand(org.vae4j.api.Shape.broadcast("Affine", x.shape(),
        scale.shape()));
    return Bijectors.sumRightmost(perElement, eventDims);
  }

  @Override
  public String toString() {
    return "Affine(loc " + loc.shape() + ", scale " + scale.shape() + ")";
  }
}
