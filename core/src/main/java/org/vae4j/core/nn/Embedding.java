package org.vae4j.core.nn;

import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;

/**
 * A lookup table: INT32 indices {@code (...)} in {@code [0, count)} give rows {@code (..., dim)} of
 * {@code weight (count, dim)}, initialized N(0, 1) as in PyTorch.
 */
public final class Embedding extends ModuleBase implements Layer {
  private final Tensor weight;

  /** PyTorch's default initialization, standard normal. */
  public Embedding(int count, int dim, ParameterFactory params) {
    this(count, dim, Inits.normal(1.0), params);
  }

  /** With a chosen initialization. */
  public Embedding(int count, int dim, WeightInit init, ParameterFactory params) {
    if (count < 1 || dim < 1) {
      throw new IllegalArgumentException("Embedding: count and dim must be >= 1, got " + count + " and " + dim);
    }
    this.weight = registerParameter("weight", params.create(Shape.of(count, dim), init));
  }

  /** {@code (count, dim)}. */
  public Tensor weight() {
    return weight;
  }

  @Override
  public Tensor forward(Tensor indices) {
    return Functions.embedding(weight, indices);
  }

  @Override
  public String toString() {
    return "Embedding(" + weight.dim(0) + ", " + weight.dim(1) + ")";
  }
}
