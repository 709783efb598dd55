package org.vae4j.core.autodiff;

import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Op;

/**
 * One recorded operation: what made {@link #output()} from {@link #inputs()}. Immutable once recorded.
 *
 * @param op         the primitive (a {@link org.vae4j.api.spi.ReduceOp}'s attributes are {@link ReduceAttrs};
 *                   {@link org.vae4j.api.spi.StructuralOp} documents the others)
 * @param inputs     the operands, in the op's order
 * @param attributes op-specific settings, as documented on each op constant
 * @param output     the tensor this op made
 */
public record Node(Op op, TapeTensor[] inputs, Object attributes, TapeTensor output) {

  /** Input {@code i}. */
  public Tensor input(int i) {
    return inputs[i];
  }

  /** True when input {@code i} needs a gradient, so a rule may skip the others. */
  public boolean needs(int i) {
    return inputs[i].requiresGrad();
  }

  /** The attributes, cast to the type the op documents. */
  @SuppressWarnings("unchecked")
  public <T> T attrs() {
    return (T) attributes;
  }

  /** Attributes of a reduction: the reduced axes (sorted, distinct) and whether they were kept. */
  public record ReduceAttrs(int[] axes, boolean keepDims) {
  }
}
