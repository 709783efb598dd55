package org.vae4j.core.nn;

import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;

/**
 * One step of a long short-term memory cell (Hochreiter and Schmidhuber 1997), as PyTorch's
 * {@code torch.nn.LSTMCell}:
 *
 * <pre>
 * gates = x W_ih^T + b_ih + h W_hh^T + b_hh          (N, 4H): input i, forget f, cell g, output o
 * c'    = sigmoid(f) * c + sigmoid(i) * tanh(g)
 * h'    = sigmoid(o) * tanh(c')
 * </pre>
 *
 * <p>Input {@code x (N, I)}, state {@code h, c (N, H)}. Parameters {@code weight_ih (4H, I)},
 * {@code weight_hh (4H, H)}, {@code bias_ih (4H)}, {@code bias_hh (4H)}, PyTorch's names and layout, all drawn
 * uniformly from {@code [-1/sqrt(H), 1/sqrt(H)]} in that order, as PyTorch initialises them.
 *
 * <p>The step itself ({@link LstmStep#apply}) is shared with {@link Lstm} and with layers that compute the
 * gates from convolutions ({@link LstmStep#fromGates}); it uses the backend's fused LSTM-cell kernel where
 * one is announced and nothing needs a gradient.
 */
public final class LstmCell extends RecurrentModule {
  private final Tensor weightIh;
  private final Tensor weightHh;
  private final Tensor biasIh;
  private final Tensor biasHh;

  /** The hidden state {@code h} and cell state {@code c} of N sequences, both {@code (N, H)}. */
  public record State(Tensor h, Tensor c) {
  }

  /**
   * @param inputSize  I, features of each input
   * @param hiddenSize H, features of the state
   */
  public LstmCell(int inputSize, int hiddenSize, ParameterFactory params) {
    super("LstmCell", inputSize, hiddenSize, 1);
    Tensor[] w = registerLayer("", 4, inputSize, params);
    this.weightIh = w[0];
    this.weightHh = w[1];
    this.biasIh = w[2];
    this.biasHh = w[3];
  }

  /** {@code (4H, I)}. */
  public Tensor weightIh() {
    return weightIh;
  }

  /** {@code (4H, H)}. */
  public Tensor weightHh() {
    return weightHh;
  }

  /** {@code (4H)}. */
  public Tensor biasIh() {
    return biasIh;
  }

  /** {@code (4H)}. */
  public Tensor biasHh() {
    return biasHh;
  }

  /** Zeros for {@code batch} sequences, in the parameters' dtype and backend. */
  public State zeroState(int batch) {
    Tensor z = zeros(batch);
    return new State(z, z);
  }

  /**
   * One step.
   *
   * @param x     {@code (N, I)}
   * @param state {@code h, c (N, H)}, or null for zeros
   * @return the new state
   */
  public State forward(Tensor x, State state) {
    checkStep("LstmCell", x);
    State s = state == null ? zeroState(x.dim(0)) : state;
    return LstmStep.apply(x, s, weightIh, weightHh, biasIh, biasHh);
  }

  /** {@code x W_ih^T + b_ih + h W_hh^T + b_hh}, the gate pre-activations {@code (N, 4H)}. */
  static Tensor gates(Tensor x, Tensor h, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
    return Functions.linear(x, weightIh, biasIh).add(Functions.linear(h, weightHh, biasHh));
  }

  @Override
  public String toString() {
    return "LstmCell(" + inputSize() + ", " + hiddenSize() + ")";
  }
}
