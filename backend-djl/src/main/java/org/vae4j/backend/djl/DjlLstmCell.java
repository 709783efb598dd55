package org.vae4j.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * {@link org.vae4j.api.spi.Kernels#lstmCell} on libtorch: {@code torch::lstm} (the native LSTM behind
 * {@code torch.nn.LSTM}, which DJL's JNI exposes; {@code torch::lstm_cell} itself it does not) over a sequence of
 * one step, with PyTorch's weight layout and gate order, so one call does both matrix products, the gates and
 * the state update. Stateless and thread-safe.
 */
final class DjlLstmCell {
  private DjlLstmCell() {
  }

  /** {@code {h', c'}}, each {@code (N, H)} and owned by the caller; shapes are checked by the caller. */
  static PtNDArray[] step(PtNDArray x, PtNDArray h, PtNDArray c, PtNDArray weightIh, PtNDArray weightHh,
      PtNDArray biasIh, PtNDArray biasHh) {
    try (Scratch s = new Scratch()) {
      NDList state = new NDList(s.keep(JniUtils.unsqueeze(h, 0)), s.keep(JniUtils.unsqueeze(c, 0)));
      NDList weights = new NDList(weightIh, weightHh, biasIh, biasHh);
      NDList out = JniUtils.lstm(s.keep(JniUtils.unsqueeze(x, 0)), state, weights, true, 1, 0.0, false, false,
          false);
      for (NDArray a : out) {
        s.keep((PtNDArray) a);
      }
      // out: the sequence's outputs (1, N, H), then h' and c' of the one layer, each (1, N, H)
      PtNDArray hNext = JniUtils.squeeze((PtNDArray) out.get(1), 0);
      try {
        return new PtNDArray[] {hNext, JniUtils.squeeze((PtNDArray) out.get(2), 0)};
      } catch (RuntimeException e) {
        hNext.close();
        throw e;
      }
    }
  }
}
