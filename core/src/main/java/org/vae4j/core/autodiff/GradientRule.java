package org.vae4j.core.autodiff;

import org.vae4j.api.Tensor;

/**
 * One row of the {@link GradientTable}: given the recorded {@link Node} and d(loss)/d(output), returns
 * d(loss)/d(input) for each input, or {@code null} for an input that needs none. A returned gradient may
 * have the broadcast shape; {@link Backprop} reduces it to the input's shape.
 */
@FunctionalInterface
public interface GradientRule {
  Tensor[] apply(Node node, Tensor gradOutput);
}
