package org.vae4j.core.nn;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Tensor;
import org.vae4j.core.Tensors;

/**
 * A stack of GRU layers run over sequences, as PyTorch's {@code torch.nn.GRU(batch_first=True)} without
 * dropout or bidirection; each step is {@link GruCell}'s.
 *
 * <p>Input {@code (N, T, I)}; result: the last layer's hidden states {@code (N, T, H)} and every layer's final
 * hidden state. Parameters {@code weight_ih_l<k> (3H, I or H)}, {@code weight_hh_l<k> (3H, H)},
 * {@code bias_ih_l<k>}, {@code bias_hh_l<k> (3H)}: PyTorch's names, layout and initialisation.
 */
public final class Gru extends RecurrentModule {
  private final List<Tensor[]> layers = new ArrayList<>();

  /**
   * The result of running the stack.
   *
   * @param output the last layer's hidden state at every step, {@code (N, T, H)}
   * @param states every layer's hidden state after the last step {@code (N, H)}, layer 0 first
   */
  public record Result(Tensor output, List<Tensor> states) {
  }

  /**
   * @param inputSize  I
   * @param hiddenSize H
   * @param numLayers  stacked layers, at least 1
   */
  public Gru(int inputSize, int hiddenSize, int numLayers, ParameterFactory params) {
    super("Gru", inputSize, hiddenSize, numLayers);
    for (int k = 0; k < numLayers; k++) {
      layers.add(registerLayer("_l" + k, 3, k == 0 ? inputSize : hiddenSize, params));
    }
  }

  /** Runs from zero states. */
  public Result forward(Tensor x) {
    return forward(x, null);
  }

  /** Runs over {@code x (N, T, I)} from {@code initial} (one {@code (N, H)} state per layer, or null for zeros). */
  public Result forward(Tensor x, List<Tensor> initial) {
    List<Tensor> inputs = steps("Gru", x, initial == null ? -1 : initial.size(), layers.size());
    List<Tensor> finals = new ArrayList<>();
    for (int k = 0; k < layers.size(); k++) {
      Tensor[] w = layers.get(k);
      Tensor h = initial != null ? initial.get(k) : zeros(x.dim(0));
      List<Tensor> outputs = new ArrayList<>(inputs.size());
      for (Tensor in : inputs) {
        h = GruCell.step(in, h, w[0], w[1], w[2], w[3]);
        outputs.add(h);
      }
      finals.add(h);
      inputs = outputs;
    }
    return new Result(Tensors.stack(inputs, 1), finals);
  }

  @Override
  public String toString() {
    return "Gru(" + inputSize() + ", " + hiddenSize() + ", layers=" + layers.size() + ")";
  }
}
