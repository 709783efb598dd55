package org.vae4j.core.nn;

import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;

/**
 * One step of a gated recurrent unit (Cho et al. 2014), as PyTorch's {@code torch.nn.GRUCell}:
 *
 * <pre>
 * r  = sigmoid(x W_ir^T + b_ir + h W_hr^T + b_hr)
 * z  = sigmoid(x W_iz^T + b_iz + h W_hz^T + b_hz)
 * n  = tanh(x W_in^T + b_in + r * (h W_hn^T + b_hn))
 * h' = (1 - z) * n + z * h
 * </pre>
 *
 * <p>Input {@code x (N, I)}, state {@code h (N, H)}. Parameters {@code weight_ih (3H, I)} (the blocks r, z, n),
 * {@code weight_hh (3H, H)}, {@code bias_ih (3H)}, {@code bias_hh (3H)}: PyTorch's names, layout and
 * initialisation (uniform in {@code ±1/sqrt(H)}), drawn in that order.
 */
public final class GruCell extends RecurrentModule {
  private final Tensor weightIh;
  private final Tensor weightHh;
  private final Tensor biasIh;
  private final Tensor biasHh;

  /**
   * @param inputSize  I
   * @param hiddenSize H
   */
  public GruCell(int inputSize, int hiddenSize, ParameterFactory params) {
    super("GruCell", inputSize, hiddenSize, 1);
    Tensor[] w = registerLayer("", 3, inputSize, params);
    this.weightIh = w[0];
    this.weightHh = w[1];
    this.biasIh = w[2];
    this.biasHh = w[3];
  }

  /**
   * One step.
   *
   * @param x {@code (N, I)}
   * @param h {@code (N, H)}, or null for zeros
   * @return the new hidden state {@code (N, H)}
   */
  public Tensor forward(Tensor x, Tensor h) {
    checkStep("GruCell", x);
    Tensor state = h != null ? h : zeros(x.dim(0));
    return step(x, state, weightIh, weightHh, biasIh, biasHh);
  }

  /** The GRU update for weights {@code (3H, I)}, {@code (3H, H)} and biases {@code (3H)} (or null). */
  static Tensor step(Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
    int hidden = weightHh.dim(1);
    if (h.rank() != 2 || h.dim(0) != x.dim(0) || h.dim(1) != hidden || x.dim(1) != weightIh.dim(1)) {
      throw new IllegalArgumentException("GRU step: input " + x.shape() + ", state " + h.shape() + " and weights "
          + weightIh.shape() + ", " + weightHh.shape() + " do not fit (N, I), (N, H), (3H, I), (3H, H)");
    }
    Tensor gi = Functions.linear(x, weightIh, biasIh);
    Tensor gh = Functions.linear(h, weightHh, biasHh);
    Tensor r = gi.slice(1, 0, hidden).add(gh.slice(1, 0, hidden)).sigmoid();
    Tensor z = gi.slice(1, hidden, 2 * hidden).add(gh.slice(1, hidden, 2 * hidden)).sigmoid();
    Tensor n = gi.slice(1, 2 * hidden, 3 * hidden).add(r.mul(gh.slice(1, 2 * hidden, 3 * hidden))).tanh();
    return n.add(z.mul(h.sub(n)));
  }

  @Override
  public String toString() {
    return "GruCell(" + inputSize() + ", " + hiddenSize() + ")";
  }
}
