package org.vae4j.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;

/**
 * What the recurrent layers share: PyTorch's four weights per layer ({@code weight_ih (G H, I)},
 * {@code weight_hh (G H, H)}, {@code bias_ih}, {@code bias_hh (G H)} for G gates), its initialisation (every
 * value uniform in {@code ±1/sqrt(H)}, drawn in that order), and the split of a batch-first sequence into steps.
 */
abstract class RecurrentModule extends ModuleBase {
  private final int inputSize;
  private final int hiddenSize;

  /**
   * @param name the layer's class name, for messages
   */
  RecurrentModule(String name, int inputSize, int hiddenSize, int numLayers) {
    if (inputSize < 1 || hiddenSize < 1 || numLayers < 1) {
      throw new IllegalArgumentException(name + ": input size, hidden size and layers must be >= 1, got "
          + inputSize + ", " + hiddenSize + " and " + numLayers);
    }
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
  }

  /** I. */
  public final int inputSize() {
    return inputSize;
  }

  /** H. */
  public final int hiddenSize() {
    return hiddenSize;
  }

  /**
   * Registers one layer's weights under PyTorch's names ending in {@code suffix} ({@code ""} for a cell,
   * {@code "_l0"} for layer 0 of a stack) and returns them: weight_ih, weight_hh, bias_ih, bias_hh.
   *
   * @param gates G, the gate blocks (4 for an LSTM, 3 for a GRU)
   * @param in    the layer's input features
   */
  final Tensor[] registerLayer(String suffix, int gates, int in, ParameterFactory params) {
    WeightInit init = Inits.uniform(1.0 / Math.sqrt(hiddenSize));
    int rows = gates * hiddenSize;
    return new Tensor[] {
        registerParameter("weight_ih" + suffix, params.create(Shape.of(rows, in), init)),
        registerParameter("weight_hh" + suffix, params.create(Shape.of(rows, hiddenSize), init)),
        registerParameter("bias_ih" + suffix, params.create(Shape.of(rows), init)),
        registerParameter("bias_hh" + suffix, params.create(Shape.of(rows), init))};
  }

  /** Zeros {@code (batch, H)} in the parameters' dtype and backend. */
  final Tensor zeros(int batch) {
    Tensor like = namedParameters().values().iterator().next();
    return like.factory().zeros(Shape.of(batch, hiddenSize), like.dtype());
  }

  /**
   * The steps {@code (N, I)} of a sequence {@code x (N, T, I)}, checked, split by {@link Slices#unbind}.
   *
   * @param name    the layer's class name, for messages
   * @param initial how many initial states were given (-1 for none), checked against {@code layers}
   */
  final List<Tensor> steps(String name, Tensor x, int initial, int layers) {
    if (x.rank() != 3 || x.dim(2) != inputSize || x.dim(1) < 1) {
      throw new IllegalArgumentException(name + ": input " + x.shape() + " must be (N, T >= 1, " + inputSize + ")");
    }
    if (initial >= 0 && initial != layers) {
      throw new IllegalArgumentException(name + ": " + initial + " initial states given for " + layers + " layers");
    }
    List<Tensor> steps = new ArrayList<>(x.dim(1));
    for (Tensor step : Slices.unbind(x, 1)) {
      steps.add(step.squeeze(1));
    }
    return steps;
  }

  /** Checks one step's input {@code (N, I)}. */
  final void checkStep(String name, Tensor x) {
    if (x.rank() != 2 || x.dim(1) != inputSize) {
      throw new IllegalArgumentException(name + ": input " + x.shape() + " must be (N, " + inputSize + ")");
    }
  }
}
