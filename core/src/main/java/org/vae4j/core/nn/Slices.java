package org.vae4j.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Tensor;

/**
 * Splits a tensor into its steps along one axis for recurrent layers. Stateless.
 *
 * <p>Why not n slices of {@code x} directly: the gradient of each slice is {@code x}-sized (the slice's
 * gradient padded with zeros), and the n of them stay alive until the step's scope closes, so a sequence of n
 * steps would cost n copies of {@code x} in the backward pass. Halving recursively instead gives every tensor
 * exactly two slices, and the backward pass about {@code 3 log2(n)} copies.
 */
public final class Slices {
  private Slices() {
  }

  /**
   * The {@code x.dim(axis)} slices of size 1 along {@code axis}, in order, each of {@code x}'s rank.
   * Differentiable.
   */
  public static List<Tensor> unbind(Tensor x, int axis) {
    int ax = x.shape().normalizeAxis(axis);
    List<Tensor> out = new ArrayList<>(x.dim(ax));
    split(x, ax, out);
    return out;
  }

  private static void split(Tensor x, int axis, List<Tensor> out) {
    int n = x.dim(axis);
    if (n == 1) {
      out.add(x);
      return;
    }
    int half = n / 2;
    split(x.slice(axis, 0, half), axis, out);
    split(x.slice(axis, half, n), axis, out);
  }
}
