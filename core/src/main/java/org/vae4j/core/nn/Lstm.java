package org.vae4j.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Tensors;

/**
 * A stack of LSTM layers run over sequences, as PyTorch's {@code torch.nn.LSTM(batch_first=True)} without
 * dropout or bidirection: layer 0 reads the input, layer k reads layer k-1's hidden states, and each step is
 * {@link LstmStep#apply}.
 *
 * <p>Input {@code (N, T, I)}; result: the last layer's hidden states {@code (N, T, H)} and every layer's final
 * state. Parameters {@code weight_ih_l<k> (4H, I or H)}, {@code weight_hh_l<k> (4H, H)}, {@code bias_ih_l<k>},
 * {@code bias_hh_l<k> (4H)}: PyTorch's names, layout and initialisation, drawn layer by layer in that order.
 */
public final class Lstm extends ModuleBase {
  private final int inputSize;
  private final int hiddenSize;
  private final List<Tensor[]> layers = new ArrayList<>();

  /**
   * The result of running the stack.
   *
   * @param output the last layer's hidden state at every step, {@code (N, T, H)}
   * @param states every layer's state after the last step, layer 0 first
   */
  public record Result(Tensor output, List<LstmCell.State> states) {
  }

  /**
   * @param inputSize  I
   * @param hiddenSize H
   * @param numLayers  stacked layers, at least 1
   */
  public Lstm(int inputSize, int hiddenSize, int numLayers, ParameterFactory params) {
    if (inputSize < 1 || hiddenSize < 1 || numLayers < 1) {
      throw new IllegalArgumentException("Lstm: input size, hidden size and layers must be >= 1, got "
          + inputSize + ", " + hiddenSize + " and " + numLayers);
    }
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    WeightInit init = LstmCell.recurrentInit(hiddenSize);
    for (int k = 0; k < numLayers; k++) {
      int in = k == 0 ? inputSize : hiddenSize;
      layers.add(new Tensor[] {
          registerParameter("weight_ih_l" + k, params.create(Shape.of(4 * hiddenSize, in), init)),
          registerParameter("weight_hh_l" + k, params.create(Shape.of(4 * hiddenSize, hiddenSize), init)),
          registerParameter("bias_ih_l" + k, params.create(Shape.of(4 * hiddenSize), init)),
          registerParameter("bias_hh_l" + k, params.create(Shape.of(4 * hiddenSize), init))});
    }
  }

  /** H. */
  public int hiddenSize() {
    return hiddenSize;
  }

  /** Number of stacked layers. */
  public int numLayers() {
    return layers.size();
  }

  /** Runs from zero states. */
  public Result forward(Tensor x) {
    return forward(x, null);
  }

  /**
   * Runs over {@code x (N, T, I)} from {@code initial} (one state per layer, or null for zeros).
   */
  public Result forward(Tensor x, List<LstmCell.State> initial) {
    if (x.rank() != 3 || x.dim(2) != inputSize || x.dim(1) < 1) {
      throw new IllegalArgumentException("Lstm: input " + x.shape() + " must be (N, T >= 1, " + inputSize + ")");
    }
    if (initial != null && initial.size() != layers.size()) {
      throw new IllegalArgumentException("Lstm: " + initial.size() + " initial states given for "
          + layers.size() + " layers");
    }
    int n = x.dim(0);
    int steps = x.dim(1);
    List<Tensor> inputs = new ArrayList<>(steps);
    for (Tensor step : Slices.unbind(x, 1)) {
      inputs.add(step.squeeze(1));
    }
    List<LstmCell.State> finals = new ArrayList<>();
    for (int k = 0; k < layers.size(); k++) {
      Tensor[] w = layers.get(k);
      LstmCell.State s = initial != null ? initial.get(k) : zeroState(n, w[1]);
      List<Tensor> outputs = new ArrayList<>(steps);
      for (Tensor in : inputs) {
        s = LstmStep.apply(in, s, w[0], w[1], w[2], w[3]);
        outputs.add(s.h());
      }
      finals.add(s);
      inputs = outputs;
    }
    return new Result(Tensors.stack(inputs, 1), finals);
  }

  private LstmCell.State zeroState(int n, Tensor like) {
    Tensor z = like.factory().zeros(Shape.of(n, hiddenSize), like.dtype());
    return new LstmCell.State(z, z);
  }

  @Override
  public String toString() {
    return "Lstm(" + inputSize + ", " + hiddenSize + ", layers=" + layers.size() + ")";
  }
}
