package org.vae4j.models;

import org.vae4j.api.LatentVariableModel;
import org.vae4j.api.RandomStream;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.autodiff.NoGrad;

/**
 * A {@link LatentVariableModel} whose {@link GenerativeModel} operations all follow from its prior,
 * posterior and likelihood: samples decode prior draws, reconstructions decode posterior means.
 */
public interface VariationalModel extends LatentVariableModel, GenerativeModel {

  /** The shape D of one data item. */
  Shape dataShape();

  @Override
  default Tensor sample(int n, RandomStream rng) {
    try (NoGrad ignored = NoGrad.enter()) {
      return decode(prior().sample(rng, Shape.of(n))).mean();
    }
  }

  @Override
  default Tensor reconstruct(Tensor x) {
    try (NoGrad ignored = NoGrad.enter()) {
      return decode(encode(x).mean()).mean();
    }
  }

  @Override
  default Tensor encodeMean(Tensor x) {
    try (NoGrad ignored = NoGrad.enter()) {
      return encode(x).mean();
    }
  }

  @Override
  default Tensor interpolate(Tensor x1, Tensor x2, int steps) {
    Interpolation.check(x1, x2, dataShape(), steps);
    try (NoGrad ignored = NoGrad.enter()) {
      Tensor codes = encode(Interpolation.pair(x1, x2)).mean();
      return decode(Interpolation.line(codes, steps)).mean();
    }
  }
}
