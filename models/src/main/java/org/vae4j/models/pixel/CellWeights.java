package org.vae4j.models.pixel;

import java.util.List;
import org.vae4j.api.Tensor;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.LstmCell;
import org.vae4j.core.nn.LstmStep;

/**
 * A PixelRNN layer's convolutions rewritten as the weights of one {@code torch.nn.LSTMCell} step at one pixel,
 * for the samplers: a convolution's output at a pixel is a linear map of the taps it reads, so the gates are
 * {@code W_ih [inputs at the taps, neighbouring states] + b_ih + W_hh h_own}, where {@code h_own} is the state
 * the cell's memory comes from (the pixel above for the Row LSTM, the pixel before along the diagonal scan for
 * the Diagonal BiLSTM). One step is then {@link LstmStep#apply}, and so the backend's fused LSTM-cell kernel
 * where it has one.
 *
 * @param weightIh {@code (4h, I)}: the input-to-state taps, then the off-centre state-to-state taps
 * @param weightHh {@code (4h, h)}: the state-to-state tap on the cell's own previous state
 * @param biasIh   {@code (4h)}: the input-to-state bias
 * @param biasHh   {@code (4h)} zeros (the state-to-state convolutions have no bias)
 */
record CellWeights(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {

  /** One step on {@code parts} concatenated (in the order of {@link #weightIh}'s columns) and the own state. */
  LstmCell.State step(List<Tensor> parts, Tensor h, Tensor c) {
    return LstmStep.apply(Tensors.concat(parts, 1), new LstmCell.State(h, c), weightIh, weightHh, biasIh, biasHh);
  }

  /** Tap {@code (row, col)} of a convolution weight {@code (O, I, KH, KW)} as a matrix {@code (O, I)}. */
  static Tensor tap(Tensor convWeight, int row, int col) {
    return convWeight.slice(2, row, row + 1).slice(3, col, col + 1).reshape(convWeight.dim(0), convWeight.dim(1));
  }
}
