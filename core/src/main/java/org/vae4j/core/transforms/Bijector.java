package org.vae4j.core.transforms;

import org.vae4j.api.Tensor;

/**
 * An invertible, differentiable map {@code y = forward(x)} of tensors of one shape, with the log of the
 * absolute determinant of its Jacobian.
 *
 * <p>Shapes: the bijector acts jointly on the last {@link #eventDims()} axes (0 for elementwise maps, 1 for
 * maps of vectors such as flows) and independently over the leading ones, which broadcast with the
 * bijector's parameters. {@code forward} and {@code inverse} keep the shape; {@code logAbsDetJacobian}
 * drops the event axes, as torch.distributions.transforms.
 */
public interface Bijector {

  /** Number of trailing axes the map acts on jointly. */
  int eventDims();

  /** {@code y = f(x)}. */
  Tensor forward(Tensor x);

  /**
   * {@code x = f^-1(y)}.
   *
   * @throws UnsupportedOperationException for a bijector without an inverse here
   */
  Tensor inverse(Tensor y);

  /**
   * {@code log |det df/dx|} at x, given {@code y = forward(x)} (which some bijectors reuse): x's shape without
   * its last {@link #eventDims()} axes.
   */
  Tensor logAbsDetJacobian(Tensor x, Tensor y);

  /** The inverse map {@code f^-1} as a bijector; inverting it again gives this one back. */
  default Bijector inverted() {
    return new InverseBijector(this);
  }
}
