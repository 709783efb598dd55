package org.vae4j.api.spi;

/**
 * Optional features of a backend. Tests skip by capability, never by backend name; {@code core} uses an
 * optional kernel when its capability is present and its own composition of primitives otherwise. A backend
 * announces a capability both in {@link Backend#capabilities()} and, per device, in
 * {@link Kernels#capabilities()}; the fused kernels' results must agree with {@code core}'s composition to
 * the dtype's rounding (the contract suite checks this).
 */
public enum Capability {
  /** FLOAT64 arithmetic (all three backends today; some accelerators lack it). */
  FLOAT64,
  /** At least one device of type GPU. */
  GPU,
  /**
   * {@link Kernels#linear}: {@code x @ weight^T + bias} in one kernel. {@code core}'s {@code Functions.linear}
   * uses it for rank-2 inputs and records it as one tape node.
   */
  FUSED_LINEAR,
  /** {@link Kernels#adamUpdate}: one Adam step of a parameter and its two moments in one kernel. */
  FUSED_ADAM,
  /**
   * {@link Kernels#bceWithLogits}: binary cross-entropy with logits elementwise in one kernel. {@code core}'s
   * {@code Functions.bceWithLogits} uses it and records one tape node.
   */
  FUSED_BCE_WITH_LOGITS,
  /**
   * {@link Kernels#logSoftmax} and {@link Kernels#logSoftmaxGradient}: {@code x - logSumExp(x)} along the last
   * axis in one pass each way. {@code core}'s {@code logSoftmax} over the last axis (a categorical
   * distribution's log-probabilities, cross-entropy) uses them and records one tape node.
   */
  FUSED_LOG_SOFTMAX,
  /**
   * {@link Kernels#lstmCell}: one step of PyTorch's {@code LSTMCell} (both matrix products, the gates and the
   * state update) in one kernel. {@code core}'s LSTM step uses it when nothing in the step needs a gradient
   * (sampling, evaluation), and its own composition otherwise.
   */
  FUSED_LSTM_CELL
}
