package org.vae4j.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vae4j.api.Tensor;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.Capability;
import org.vae4j.api.spi.Kernels;
import org.vae4j.api.spi.LstmCellState;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.autodiff.TapeTensor;

/**
 * The arithmetic of one LSTM step, written once for {@link LstmCell}, {@link Lstm} and the layers that compute
 * their gates with convolutions (PixelRNN's Row LSTM and Diagonal BiLSTM). Gate order is PyTorch's: input,
 * forget, cell, output. Stateless.
 *
 * <p>{@link #apply} runs the backend's fused kernel ({@link Capability#FUSED_LSTM_CELL}) when the backend
 * announces it and nothing in the step needs a gradient (under {@code NoGrad}, or on tensors that require none):
 * sampling and evaluation. While gradients are recorded it composes the step from primitives, which the tape
 * differentiates; the contract suite checks that both give the same values.
 */
public final class LstmStep {
  private LstmStep() {
  }

  /**
   * One step of {@code torch.nn.LSTMCell}: x {@code (N, I)}, state {@code (N, H)}, weights {@code (4H, I)} and
   * {@code (4H, H)}, biases {@code (4H)} or null.
   */
  public static LstmCell.State apply(Tensor x, LstmCell.State state, Tensor weightIh, Tensor weightHh,
      Tensor biasIh, Tensor biasHh) {
    int h = weightHh.dim(1);
    if (weightIh.rank() != 2 || weightHh.rank() != 2 || weightIh.dim(0) != 4 * h || weightHh.dim(0) != 4 * h
        || x.rank() != 2 || x.dim(1) != weightIh.dim(1) || !state.h().shape().equals(state.c().shape())
        || state.h().rank() != 2 || state.h().dim(0) != x.dim(0) || state.h().dim(1) != h) {
      throw new IllegalArgumentException("LSTM step: input " + x.shape() + ", state " + state.h().shape() + "/"
          + state.c().shape() + " and weights " + weightIh.shape() + ", " + weightHh.shape()
          + " do not fit (N, I), (N, H), (4H, I), (4H, H)");
    }
    if (fusable(x, state, weightIh, weightHh, biasIh, biasHh)) {
      Kernels k = TapeTensor.of(x).kernels();
      LstmCellState next = k.lstmCell(buffer(x), buffer(state.h()), buffer(state.c()), buffer(weightIh),
          buffer(weightHh), buffer(biasIh), buffer(biasHh));
      return new LstmCell.State(TapeTensor.constant(k, next.h()), TapeTensor.constant(k, next.c()));
    }
    return fromGates(LstmCell.gates(x, state.h(), weightIh, weightHh, biasIh, biasHh), state.c());
  }

  /**
   * Whether the fused kernel may run: announced, every operand on its kernels in one floating dtype, both biases
   * given, and no gradient to record.
   */
  private static boolean fusable(Tensor x, LstmCell.State state, Tensor... weights) {
    Kernels k = TapeTensor.of(x).kernels();
    if (!k.capabilities().contains(Capability.FUSED_LSTM_CELL) || !x.dtype().isFloatingPoint()) {
      return false;
    }
    boolean recording = NoGrad.isRecording();
    List<Tensor> all = new ArrayList<>(List.of(x, state.h(), state.c()));
    all.addAll(Arrays.asList(weights));
    for (Tensor t : all) {
      if (t == null || TapeTensor.of(t).kernels() != k || t.dtype() != x.dtype() || (recording && t.requiresGrad())) {
        return false;
      }
    }
    return true;
  }

  private static Buffer buffer(Tensor t) {
    return TapeTensor.of(t).buffer();
  }

  /**
   * The cell update from gate pre-activations: {@code gates} has {@code 4H} channels on axis 1 (the blocks
   * i, f, g, o) and any further axes, {@code c} has {@code H} channels and the same other axes. Returns
   * {@code h' = sigmoid(o) tanh(c')} and {@code c' = sigmoid(f) c + sigmoid(i) tanh(g)}.
   */
  public static LstmCell.State fromGates(Tensor gates, Tensor c) {
    if (gates.rank() < 2 || gates.dim(1) % 4 != 0 || c.rank() != gates.rank() || c.dim(1) * 4 != gates.dim(1)) {
      throw new IllegalArgumentException("LSTM step: gates " + gates.shape() + " and cell state " + c.shape()
          + " do not fit (N, 4H, ...) and (N, H, ...)");
    }
    int h = c.dim(1);
    // one sigmoid over all four blocks (the cell block's is unused) costs fewer ops than three of a quarter each
    Tensor s = gates.sigmoid();
    Tensor i = s.slice(1, 0, h);
    Tensor f = s.slice(1, h, 2 * h);
    Tensor g = gates.slice(1, 2 * h, 3 * h).tanh();
    Tensor o = s.slice(1, 3 * h, 4 * h);
    Tensor next = f.mul(c).add(i.mul(g));
    return new LstmCell.State(o.mul(next.tanh()), next);
  }
}
