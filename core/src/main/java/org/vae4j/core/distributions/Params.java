package org.vae4j.core.distributions;

import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/** Broadcasting of distribution parameters, with errors naming the family and each parameter. */
final class Params {
  private Params() {
  }

  /**
   * Expands the parameters to their common broadcast shape. They must share a dtype and backend.
   *
   * @throws IllegalArgumentException naming the family, the parameters and their shapes
   */
  static Tensor[] broadcast(String family, String[] names, Tensor... params) {
    Shape shape = params[0].shape();
    for (int i = 0; i < params.length; i++) {
      if (params[i] == null) {
        throw new IllegalArgumentException(family + ": " + names[i] + " must not be null");
      }
      if (!params[i].dtype().isFloatingPoint()) {
        throw new IllegalArgumentException(family + ": " + names[i] + " must be FLOAT32 or FLOAT64, got "
            + params[i].dtype());
      }
      if (params[i].dtype() != params[0].dtype()) {
        throw new IllegalArgumentException(family + ": " + names[0] + " is " + params[0].dtype() + " but "
            + names[i] + " is " + params[i].dtype() + "; cast one of them");
      }
      try {
        shape = Shape.broadcast(family, shape, params[i].shape());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(family + ": parameter shapes do not broadcast: " + describe(names, params),
            e);
      }
    }
    Tensor[] out = new Tensor[params.length];
    for (int i = 0; i < params.length; i++) {
      out[i] = params[i].shape().equals(shape) ? params[i] : params[i].expand(shape);
    }
    return out;
  }

  private static String describe(String[] names, Tensor[] params) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < params.length; i++) {
      b.append(i == 0 ? "" : ", ").append(names[i]).append(' ').append(params[i].shape());
    }
    return b.toString();
  }
}
