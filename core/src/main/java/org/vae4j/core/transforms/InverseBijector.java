package org.vae4j.core.transforms;

import org.vae4j.api.Tensor;

/** {@code f^-1} of a bijector f: forward and inverse swapped, the log-determinant negated. */
final class InverseBijector implements Bijector {
  private final Bijector inner;

  InverseBijector(Bijector inner) {
    this.inner = inner;
  }

  @Override
  public int eventDims() {
    return inner.eventDims();
  }

  @Override
  public Tensor forward(Tensor x) {
    return inner.inverse(x);
  }

  @Override
  public Tensor inverse(Tensor y) {
    return inner.forward(y);
  }

  /** {@code log |det d f^-1 / dy| = -log |det df/dx|} at {@code x = f^-1(y)}. */
  @Override
  public Tensor logAbsDetJacobian(Tensor y, Tensor x) {
    return inner.logAbsDetJacobian(x, y).neg();
  }

  @Override
  public Bijector inverted() {
    return inner;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InverseBijector other && other.inner.equals(inner);
  }

  @Override
  public int hashCode() {
    return ~inner.hashCode();
  }

  @Override
  public String toString() {
    return "Inverse(" + inner + ")";
  }
}
