package org.vae4j.core.transforms;

import java.util.Arrays;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/**
 * A fixed reordering of the last axis, {@code y[..., i] = x[..., order[i]]}, with log-determinant 0: placed
 * between autoregressive or coupling steps so that each coordinate is transformed in some step.
 */
public final class Permutation implements Bijector {
  private final int[] order;
  private final int[] inverseOrder;

  /** @throws IllegalArgumentException unless {@code order} is a permutation of {@code 0..n-1} */
  public Permutation(int... order) {
    this.order = order.clone();
    this.inverseOrder = new int[order.length];
    boolean[] seen = new boolean[order.length];
    for (int i = 0; i < order.length; i++) {
      if (order[i] < 0 || order[i] >= order.length || seen[order[i]]) {
        throw new IllegalArgumentException("Permutation: " + Arrays.toString(order) + " is not a permutation of 0.."
            + (order.length - 1));
      }
      seen[order[i]] = true;
      inverseOrder[order[i]] = i;
    }
  }

  /** The reversal of {@code n} coordinates. */
  public static Permutation reverse(int n) {
    int[] o = new int[n];
    for (int i = 0; i < n; i++) {
      o[i] = n - 1 - i;
    }
    return new Permutation(o);
  }

  @Override
  public int eventDims() {
    return 1;
  }

  @Override
  public Tensor forward(Tensor x) {
    return permute(x, order);
  }

  @Override
  public Tensor inverse(Tensor y) {
    return permute(y, inverseOrder);
  }

  private Tensor permute(Tensor x, int[] by) {
    if (x.rank() < 1 || x.dim(-1) != by.length) {
      throw new IllegalArgumentException("Permutation of " + by.length + " coordinates: input " + x.shape()
          + " must end with " + by.length);
    }
    int[] dims = new int[x.rank()];
    Arrays.fill(dims, 1);
    dims[dims.length - 1] = by.length;
    Tensor index = x.factory().of(by, Shape.of(dims)).expand(x.shape());
    return x.gather(-1, index);
  }

  @Override
  public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
    return x.factory().zeros(x.shape().dropLast(1), x.dtype());
  }

  @Override
  public Bijector inverted() {
    return new Permutation(inverseOrder);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Permutation other && Arrays.equals(other.order, order);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(order);
  }

  @Override
  public String toString() {
    return "Permutation" + Arrays.toString(order);
  }
}
