package org.vae4j.models.pixel;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Functions;
import org.vae4j.core.nn.LstmCell;

/**
 * The cached sampler of a {@link PixelRnn}: per pixel, the first layer's 7x7 mask-A convolution as one dot
 * product with the canvas around the pixel, one LSTM-cell step per layer ({@link CellWeights}) and the head
 * as two small matrix products; the states of the row above are kept.
 *
 * <ul>
 *   <li><b>Row LSTM:</b> the state at {@code (r, c)} needs the layer's input at {@code (r, c - 1), (r, c)}, the
 *       states at {@code (r - 1, c - 1 .. c + 1)} and the cell state at {@code (r - 1, c)}.</li>
 *   <li><b>Diagonal BiLSTM:</b> the left-to-right state at {@code (r, c)} needs the input there and the states
 *       at {@code (r, c - 1)} and {@code (r - 1, c)}; the right-to-left states of a row need the whole row, so
 *       they are computed in one right-to-left sweep when the row is finished, and the next row reads them (the
 *       shift down by one row).</li>
 * </ul>
 *
 * States outside the image are zero, as in the teacher-forced layers.
 */
final class PixelRnnSampler extends PixelSampler {
  private static final int K = PixelRnnConfig.FIRST_KERNEL;
  private static final int ROW_K = PixelRnnConfig.ROW_KERNEL;

  private final PixelRnn model;
  private final int n;
  private final int width;
  private final boolean diagonal;
  private final Tensor inputWeight;
  private final Tensor inputBias;
  private final Tensor[] head;
  private final Tensor zeroH;
  private final Tensor zeroX;
  private final List<CellWeights> forwardCells = new ArrayList<>();
  private final List<CellWeights> backwardCells = new ArrayList<>();
  private final List<Tensor[]> projections = new ArrayList<>();
  /** Per layer and column: the layer's input in the current row. */
  private final Tensor[][] rowInput;
  /** Per layer and column: hidden and cell states of the row above and of the current row (left to right). */
  private final Tensor[][] aboveH;
  private final Tensor[][] aboveC;
  private final Tensor[][] currentH;
  private final Tensor[][] currentC;
  /** Diagonal only, per layer and column: the right-to-left hidden states of the row above. */
  private final Tensor[][] backwardAboveH;

  PixelRnnSampler(PixelRnn model, int n) {
    this.model = model;
    this.n = n;
    this.width = model.width();
    this.diagonal = model.config().arch() == PixelRnnConfig.Arch.DIAGONAL_BILSTM;
    int h = model.config().hidden();
    int layers = model.layers().size();
    this.inputWeight = model.input().weight().mul(model.input().mask()).reshape(2 * h, K * K);
    this.inputBias = model.input().bias();
    this.head = new Tensor[] {CellWeights.tap(model.head1().weight(), 0, 0), model.head1().bias(),
        CellWeights.tap(model.head2().weight(), 0, 0), model.head2().bias()};
    this.zeroH = model.factory().zeros(Shape.of(n, h), model.dtype());
    this.zeroX = model.factory().zeros(Shape.of(n, 2 * h), model.dtype());
    for (PixelRnnLayer layer : model.layers()) {
      if (layer instanceof DiagonalBiLstmLayer d) {
        forwardCells.add(d.leftToRight().cellWeights());
        backwardCells.add(d.rightToLeft().cellWeights());
        projections.add(d.projection());
      } else {
        RowLstmLayer row = (RowLstmLayer) layer;
        forwardCells.add(row.cellWeights());
        projections.add(row.projection());
      }
    }
    this.rowInput = new Tensor[layers][width];
    this.aboveH = new Tensor[layers][width];
    this.aboveC = new Tensor[layers][width];
    this.currentH = new Tensor[layers][width];
    this.currentC = new Tensor[layers][width];
    this.backwardAboveH = new Tensor[layers][width];
  }

  @Override
  Tensor logitsAt(float[] canvas, int r, int c) {
    if (c == 0 && r > 0) {
      finishRow(r - 1);
    }
    Tensor x = firstLayer(canvas, r, c);
    for (int l = 0; l < forwardCells.size(); l++) {
      rowInput[l][c] = hold(x);
      Tensor h = diagonal ? diagonalStep(l, x, r, c) : rowStep(l, x, r, c);
      Tensor[] p = projections.get(l);
      x = x.add(Functions.linear(h, p[0], p[1]));
    }
    return Functions.linear(Functions.linear(x.relu(), head[0], head[1]).relu(), head[2], head[3]);
  }

  /** The Row LSTM state at {@code (r, c)}; returns what the residual projection reads. */
  private Tensor rowStep(int l, Tensor x, int r, int c) {
    List<Tensor> parts = new ArrayList<>();
    for (int j = 0; j <= ROW_K / 2; j++) {
      int col = c - ROW_K / 2 + j;
      parts.add(col >= 0 ? rowInput[l][col] : zeroX);
    }
    for (int j = 0; j < ROW_K; j++) {
      int col = c - ROW_K / 2 + j;
      if (j != ROW_K / 2) {
        parts.add(r > 0 && col >= 0 && col < width ? aboveH[l][col] : zeroH);
      }
    }
    LstmCell.State s = forwardCells.get(l).step(parts, r > 0 ? aboveH[l][c] : zeroH, r > 0 ? aboveC[l][c] : zeroH);
    currentH[l][c] = hold(s.h());
    currentC[l][c] = hold(s.c());
    return s.h();
  }

  /**
   * The left-to-right state at {@code (r, c)}; returns it plus the right-to-left state at {@code (r - 1, c)},
   * the sum the residual projection reads.
   */
  private Tensor diagonalStep(int l, Tensor x, int r, int c) {
    Tensor above = r > 0 ? aboveH[l][c] : zeroH;
    LstmCell.State s = forwardCells.get(l).step(List.of(x, above), c > 0 ? currentH[l][c - 1] : zeroH,
        c > 0 ? currentC[l][c - 1] : zeroH);
    currentH[l][c] = hold(s.h());
    currentC[l][c] = hold(s.c());
    if (c > 0) {
      drop(currentC[l][c - 1]);
      currentC[l][c - 1] = null;
    }
    return s.h().add(r > 0 ? backwardAboveH[l][c] : zeroH);
  }

  /** Row {@code q} is complete: the Diagonal BiLSTM's right-to-left sweep over it, then the row moves up. */
  private void finishRow(int q) {
    for (int l = 0; l < forwardCells.size(); l++) {
      if (diagonal) {
        Tensor[] swept = new Tensor[width];
        Tensor h = zeroH;
        Tensor cell = zeroH;
        for (int c = width - 1; c >= 0; c--) {
          LstmCell.State s = backwardCells.get(l).step(List.of(rowInput[l][c], q > 0 ? backwardAboveH[l][c] : zeroH),
              h, cell);
          swept[c] = hold(s.h());
          h = s.h();
          cell = s.c();
        }
        dropAll(backwardAboveH[l]);
        backwardAboveH[l] = swept;
      }
      dropAll(aboveH[l]);
      dropAll(aboveC[l]);
      dropAll(rowInput[l]);
      aboveH[l] = currentH[l];
      aboveC[l] = currentC[l];
      currentH[l] = new Tensor[width];
      currentC[l] = new Tensor[width];
    }
  }

  private void dropAll(Tensor[] tensors) {
    for (int i = 0; i < tensors.length; i++) {
      drop(tensors[i]);
      tensors[i] = null;
    }
  }

  /** The 7x7 mask-A convolution at {@code (r, c)}: {@code (n, 2h)}. Outside the image the input is 0. */
  private Tensor firstLayer(float[] canvas, int r, int c) {
    int rows = model.height();
    int half = K / 2;
    double[] patch = new double[n * K * K];
    for (int i = 0; i < n; i++) {
      for (int dr = 0; dr < K; dr++) {
        int row = r - half + dr;
        for (int dc = 0; dc < K; dc++) {
          int col = c - half + dc;
          if (row >= 0 && row < rows && col >= 0 && col < width) {
            patch[(i * K + dr) * K + dc] = PixelLevels.networkInput(canvas[(i * rows + row) * width + col]);
          }
        }
      }
    }
    return Functions.linear(model.factory().of(patch, Shape.of(n, K * K), model.dtype()), inputWeight, inputBias);
  }
}
