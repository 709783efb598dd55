package org.vae4j.core.transforms;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Tensor;

/**
 * The composition {@code f_n o ... o f_1} of bijectors applied in list order (torch's
 * {@code ComposeTransform}); it acts on events of the largest rank among its parts, and sums each part's
 * log-determinant over the axes that part treats as independent.
 */
final class Composed implements Bijector {
  private final List<Bijector> parts;
  private final int eventDims;

  Composed(List<Bijector> parts) {
    this.parts = List.copyOf(parts);
    this.eventDims = this.parts.stream().mapToInt(Bijector::eventDims).max().orElse(0);
  }

  List<Bijector> parts() {
    return parts;
  }

  @Override
  public int eventDims() {
    return eventDims;
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor y = x;
    for (Bijector b : parts) {
      y = b.forward(y);
    }
    return y;
  }

  @Override
  public Tensor inverse(Tensor y) {
    Tensor x = y;
    for (int i = parts.size() - 1; i >= 0; i--) {
      x = parts.get(i).inverse(x);
    }
    return x;
  }

  @Override
  public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
    Tensor total = null;
    Tensor in = x;
    for (int i = 0; i < parts.size(); i++) {
      Bijector b = parts.get(i);
      Tensor out = i == parts.size() - 1 ? y : b.forward(in);
      Tensor term = Bijectors.sumRightmost(b.logAbsDetJacobian(in, out), eventDims - b.eventDims());
      total = total == null ? term : total.add(term);
      in = out;
    }
    return total == null ? Bijectors.sumRightmost(x.mul(0.0), eventDims) : total;
  }

  @Override
  public Bijector inverted() {
    List<Bijector> reversed = new ArrayList<>();
    for (int i = parts.size() - 1; i >= 0; i--) {
      reversed.add(parts.get(i).inverted());
    }
    return new Composed(reversed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Composed other && other.parts.equals(parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  @Override
  public String toString() {
    return "Compose" + parts;
  }
}
