package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.Distribution;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;

/**
 * The shared part of vae4j's distributions: shapes, the family name used in messages, and the defaults
 * ({@link #sample} through {@link #rsample} without recording, and refusals for what a family lacks).
 *
 * <p>Parameter tensors are held, not copied or closed: they belong to the caller's scope, and a
 * distribution must not outlive them. Instances are immutable; use one from one thread at a time, since
 * the tensors it computes join its parameters' computation graph (see {@link Tensor}).
 */
public abstract class AbstractDistribution implements Distribution {
  private final Shape batchShape;
  private final Shape eventShape;

  protected AbstractDistribution(Shape batchShape, Shape eventShape) {
    this.batchShape = batchShape;
    this.eventShape = eventShape;
  }

  /** The family's name in messages, e.g. {@code Normal}. */
  public String family() {
    return getClass().getSimpleName();
  }

  @Override
  public Shape batchShape() {
    return batchShape;
  }

  @Override
  public Shape eventShape() {
    return eventShape;
  }

  /** {@code sampleShape ++ batchShape ++ eventShape}. */
  protected Shape extendedShape(Shape sampleShape) {
    return sampleShape.append(batchShape).append(eventShape);
  }

  /** For families with {@link #rsample}: the same draw, without recording gradients. */
  @Override
  public Tensor sample(RandomStream rng, Shape sampleShape) {
    if (!hasRsample()) {
      throw new UnsupportedOperationException(family() + ".sample is not implemented");
    }
    try (NoGrad ignored = NoGrad.enter()) {
      return rsample(rng, sampleShape);
    }
  }

  @Override
  public boolean hasRsample() {
    return false;
  }

  @Override
  public Tensor rsample(RandomStream rng, Shape sampleShape) {
    throw new UnsupportedOperationException(family() + " has no reparameterized sampler (rsample): its draws"
        + " are not differentiable in its parameters. Use sample(), a score-function estimator, or a relaxed"
        + " family such as RelaxedOneHotCategorical");
  }

  @Override
  public Tensor entropy() {
    throw new UnsupportedOperationException(family() + " has no closed-form entropy; estimate it by Monte Carlo"
        + " as -mean(logProb(sample(...)))");
  }

  /** The dtype of the distribution's parameters. */
  public abstract DType dtype();

  /**
   * Checks that {@code value} ends with a shape that broadcasts against {@code batchShape ++ eventShape}
   * and returns the broadcast shape of the result before event axes are summed.
   */
  protected Shape checkValueShape(Tensor value) {
    Shape full = batchShape.append(eventShape);
    try {
      return Shape.broadcast(family() + ".logProb", value.shape(), full);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(family() + ".logProb: value of shape " + value.shape()
          + " does not broadcast with batch ++ event shape " + full, e);
    }
  }

  /** A scalar of the parameters' dtype on their backend, made from {@code like}. */
  protected static Tensor scalar(Tensor like, double value) {
    return like.factory().scalar(value, like.dtype());
  }
}
