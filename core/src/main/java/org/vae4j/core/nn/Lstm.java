package org.vae4j.core.nn;

import java.util.ArrayList;
import java.util.List;
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
public final class Lstm extends RecurrentModule {
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
    super("Lstm", inputSize, hiddenSize, numLayers);
    for (int k = 0; k < numLayers; k++) {
      layers.add(registerLayer("_l" + k, 4, k == 0 ? inputSize : hiddenSize, params));
    }
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
    List<Tensor> inputs = steps("Lstm", x, initial == null ? -1 : initial.size(), layers.size());
    List<LstmCell.State> finals = new ArrayList<>();
    for (int k = 0; k < layers.size(); k++) {
      Tensor[] w = layers.get(k);
      Tensor zero = initial == null ? zeros(x.dim(0)) : null;
      LstmCell.State s = initial != null ? initial.get(k) : new LstmCell.State(zero, zero);
      List<Tensor> outputs = new ArrayList<>(inputs.size());
      for (Tensor in : inputs) {
        s = LstmStep.apply(in, s, w[0], w[1], w[2], w[3]);
        outputs.add(s.h());
      }
      finals.add(s);
      inputs = outputs;
    }
    return new Result(Tensors.stack(inputs, 1), finals);
  }

  @Override
  public String toString() {
    return "Lstm(" + inputSize() + ", " + hiddenSize() + ", layers=" + layers.size() + ")";
  }
}
