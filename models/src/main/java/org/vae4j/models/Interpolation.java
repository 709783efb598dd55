package org.vae4j.models;

import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Tensors;

/** Helpers of latent interpolation shared by the models. */
final class Interpolation {
  private Interpolation() {
  }

  static void check(Tensor x1, Tensor x2, Shape dataShape, int steps) {
    if (!x1.shape().equals(dataShape) || !x2.shape().equals(dataShape)) {
      throw new IllegalArgumentException("interpolate: x1 " + x1.shape() + " and x2 " + x2.shape()
          + " must each be one example of shape " + dataShape + " (no batch axis)");
    }
    if (steps < 2) {
      throw new IllegalArgumentException("interpolate: steps must be >= 2 (both ends included), got " + steps);
    }
  }

  /** {@code (2) ++ D}: the two examples as a batch. */
  static Tensor pair(Tensor x1, Tensor x2) {
    return Tensors.stack(List.of(x1, x2), 0);
  }

  /**
   * {@code (steps, L)} codes {@code z1 + t (z2 - z1)} for {@code t = i / (steps - 1)}, from the two rows of
   * {@code codes (2, L)}.
   */
  static Tensor line(Tensor codes, int steps) {
    Tensor z1 = codes.slice(0, 0, 1);
    Tensor z2 = codes.slice(0, 1, 2);
    double[] t = new double[steps];
    for (int i = 0; i < steps; i++) {
      t[i] = (double) i / (steps - 1);
    }
    Tensor ts = codes.factory().of(t, Shape.of(steps, 1), codes.dtype());
    return z1.add(ts.mul(z2.sub(z1)));
  }
}
