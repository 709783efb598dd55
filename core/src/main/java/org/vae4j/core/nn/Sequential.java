package org.vae4j.core.nn;

import java.util.List;
import org.vae4j.api.Tensor;

/**
 * Layers applied in order; the children are named {@code "0"}, {@code "1"}, ... as in PyTorch's
 * Sequential, so parameters read {@code 0.weight}, {@code 2.bias}. Closing it closes every layer.
 */
public final class Sequential extends ModuleBase implements Layer {
  private final List<Layer> layers;

  /** The layers, first applied first. */
  public Sequential(Layer... layers) {
    this(List.of(layers));
  }

  /** The layers, first applied first. */
  public Sequential(List<? extends Layer> layers) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("Sequential: needs at least one layer");
    }
    this.layers = List.copyOf(layers);
    for (int i = 0; i < this.layers.size(); i++) {
      registerModule(Integer.toString(i), this.layers.get(i));
    }
  }

  /** Number of layers. */
  public int size() {
    return layers.size();
  }

  /** Layer {@code i}. */
  public Layer get(int i) {
    return layers.get(i);
  }

  /** The layers in order (read-only). */
  public List<Layer> layers() {
    return layers;
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor y = x;
    for (Layer l : layers) {
      y = l.forward(y);
    }
    return y;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Sequential(");
    for (int i = 0; i < layers.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(layers.get(i));
    }
    return b.append(')').toString();
  }
}
