package org.vae4j.core.nn;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;

/**
 * Makes the parameters of layers: where they live ({@code tensors}), their element type, and the random
 * stream their initial values are drawn from (on the host, so a seed gives the same weights on every
 * backend). Every parameter is a leaf that {@link Tensor#requiresGrad() requires gradients} and belongs to
 * no scope, even when one is open: the module that asked for it owns it and closes it.
 *
 * <p>Not thread-safe (it advances {@code rng}).
 *
 * @param tensors where the parameters are made
 * @param dtype   FLOAT32 or FLOAT64
 * @param rng     the stream initial values are drawn from
 */
public record ParameterFactory(TensorFactory tensors, DType dtype, RandomStream rng) {

  public ParameterFactory {
    if (tensors == null || dtype == null || rng == null) {
      throw new IllegalArgumentException("ParameterFactory: tensors, dtype and rng must not be null");
    }
    if (!dtype.isFloatingPoint()) {
      throw new IllegalArgumentException("ParameterFactory: parameters must be FLOAT32 or FLOAT64, got " + dtype);
    }
  }

  /** FLOAT32 parameters on {@code tensors}. */
  public static ParameterFactory of(TensorFactory tensors, RandomStream rng) {
    return new ParameterFactory(tensors, DType.FLOAT32, rng);
  }

  /** FLOAT32 parameters on the selected backend's default device ({@link Tensors#factory()}). */
  public static ParameterFactory of(RandomStream rng) {
    return of(Tensors.factory(), rng);
  }

  /** A parameter of {@code shape} initialized by {@code init}. */
  public Tensor create(Shape shape, WeightInit init) {
    double[] values = init.draw(shape, rng);
    if (values.length != shape.size()) {
      throw new IllegalStateException("ParameterFactory.create: the initializer gave " + values.length
          + " values for shape " + shape);
    }
    return adopt(tensors.of(values, shape, dtype));
  }

  /** A parameter holding a copy of {@code values}, of {@code shape}. */
  public Tensor create(Shape shape, double[] values) {
    return adopt(tensors.of(values.clone(), shape, dtype));
  }

  private static Tensor adopt(Tensor t) {
    Scope.release(t);
    return t.requireGrad();
  }
}
