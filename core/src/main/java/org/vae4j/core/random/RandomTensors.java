package org.vae4j.core.random;

import org.vae4j.api.DType;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;

/**
 * Random tensors drawn from a {@link RandomStream} on the host and copied to the factory's device, so the
 * same stream gives the same values on every backend. FLOAT32 and FLOAT64 tensors hold the same draws
 * (FLOAT32 rounded), except {@link #uniform}, which uses 24-bit floats for FLOAT32. No gradient.
 */
public final class RandomTensors {
  private static final double TINY = 0x1.0p-53;

  private RandomTensors() {
  }

  /** Uniform in [0, 1). */
  public static Tensor uniform(TensorFactory f, RandomStream rng, Shape shape, DType dtype) {
    int n = shape.sizeAsInt();
    return switch (dtype) {
      case FLOAT32 -> f.of(rng.uniformFloats(n), shape);
      case FLOAT64 -> f.of(rng.uniformDoubles(n), shape);
      case INT32 -> throw new IllegalArgumentException("uniform: dtype must be floating point, got INT32");
    };
  }

  /** Standard normal. */
  public static Tensor normal(TensorFactory f, RandomStream rng, Shape shape, DType dtype) {
    requireFloat("normal", dtype);
    return f.of(rng.normalDoubles(shape.sizeAsInt()), shape, dtype);
  }

  /** Standard Gumbel: {@code -log(-log(u))}, finite for every draw. */
  public static Tensor gumbel(TensorFactory f, RandomStream rng, Shape shape, DType dtype) {
    requireFloat("gumbel", dtype);
    double[] u = rng.uniformDoubles(shape.sizeAsInt());
    for (int i = 0; i < u.length; i++) {
      u[i] = -Math.log(-Math.log(Math.max(u[i], TINY)));
    }
    return f.of(u, shape, dtype);
  }

  /** 1 with probability {@code probs}, else 0, in probs' dtype and shape. */
  public static Tensor bernoulli(Tensor probs, RandomStream rng) {
    return uniform(probs.factory(), rng, probs.shape(), probs.dtype()).lt(probs.detach());
  }

  /**
   * Category indices drawn from unnormalized log-probabilities over the last axis, by the Gumbel-max trick:
   * INT32 of {@code logits.shape()} without its last axis.
   */
  public static Tensor categorical(Tensor logits, RandomStream rng) {
    Tensor g = gumbel(logits.factory(), rng, logits.shape(), logits.dtype());
    return logits.detach().add(g).argmax(-1);
  }

  private static void requireFloat(String op, DType dtype) {
    if (!dtype.isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": dtype must be floating point, got " + dtype);
    }
  }
}
