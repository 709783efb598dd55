package org.vae4j.models.pixel;

import java.util.ArrayList;
import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.Tensors;
import org.vae4j.core.nn.GatedMaskedBlock;

/**
 * The cached sampler of a {@link GatedPixelCnn}, which never runs a layer on more of the image than its output
 * pixel can see:
 *
 * <ul>
 *   <li>At the first pixel of row r, each layer's vertical stack computes row r alone, from the window of rows
 *       {@code r - reach .. r} of its input (reach = kernel / 2): the image's rows for the first layer, the kept
 *       rows of the layer below's vertical output for the others. Each layer keeps its last {@code reach}
 *       output rows and the vertical-to-horizontal features of row r.</li>
 *   <li>At pixel {@code (r, c)} the horizontal stacks run on row r's columns {@code c - layers * reach .. c}
 *       only (the columns the last layer's output at c can see) and the head on column c.</li>
 * </ul>
 *
 * The vertical output of row r never reads row r of the image, and the horizontal one never reads pixels at or
 * right of the current one, so the values the canvas holds there do not matter.
 */
final class GatedPixelCnnSampler extends PixelSampler {
  private final GatedPixelCnn model;
  private final int n;
  private final Tensor condition;
  private final int reach;
  /**
   * Per layer but the last: its vertical output's rows {@code r - reach .. r - 1} (null above the image), oldest
   * first.
   */
  private final Tensor[][] verticalRows;
  /** Per layer: the vertical-to-horizontal features of the current row, {@code (n, 2c, 1, W)}. */
  private final Tensor[] toHorizontal;

  GatedPixelCnnSampler(GatedPixelCnn model, int n, Tensor condition) {
    this.model = model;
    this.n = n;
    this.condition = condition;
    this.reach = model.config().kernel() / 2;
    int layers = model.layers().size();
    this.verticalRows = new Tensor[Math.max(0, layers - 1)][reach];
    this.toHorizontal = new Tensor[layers];
  }

  @Override
  Tensor logitsAt(float[] canvas, int r, int c) {
    List<GatedMaskedBlock> layers = model.layers();
    if (c == 0) {
      verticalStacks(canvas, r);
    }
    int from = Math.max(0, c - layers.size() * reach);
    Tensor h = imageRow(canvas, r, from, c + 1);
    for (int l = 0; l < layers.size(); l++) {
      h = layers.get(l).horizontal(h, toHorizontal[l].slice(3, from, c + 1), condition);
    }
    int last = c - from;
    return model.head(h.slice(3, last, last + 1)).reshape(n, model.levels().logitChannels());
  }

  /** Row r of every layer's vertical stack, each from the window of rows it reads. */
  private void verticalStacks(float[] canvas, int r) {
    int top = Math.max(0, r - reach);
    Tensor below = imageRows(canvas, top, r + 1 - top);
    for (int l = 0; l < toHorizontal.length; l++) {
      Tensor window = l == 0 ? below : windowOf(verticalRows[l - 1], below, r - top);
      GatedMaskedBlock.VerticalOut out = model.layers().get(l).vertical(window, condition);
      int last = window.dim(2) - 1;
      toHorizontal[l] = replace(toHorizontal[l], out.toHorizontal().slice(2, last, last + 1));
      Tensor row = out.gated().slice(2, last, last + 1);
      if (l > 0) {
        keepRow(verticalRows[l - 1], below);
      }
      below = row;
    }
  }

  /** The kept rows (the newest {@code kept} of them) followed by {@code current}. */
  private static Tensor windowOf(Tensor[] rows, Tensor current, int kept) {
    List<Tensor> parts = new ArrayList<>();
    for (int i = rows.length - kept; i < rows.length; i++) {
      parts.add(rows[i]);
    }
    parts.add(current);
    return parts.size() == 1 ? current : Tensors.concat(parts, 2);
  }

  /** Appends {@code row} to a layer's kept rows, dropping the oldest. */
  private void keepRow(Tensor[] rows, Tensor row) {
    if (rows.length == 0) {
      return;
    }
    drop(rows[0]);
    System.arraycopy(rows, 1, rows, 0, rows.length - 1);
    rows[rows.length - 1] = hold(row);
  }

  /** Row r, columns {@code [from, to)}, of the canvas as the network's input {@code (n, 1, 1, to - from)}. */
  private Tensor imageRow(float[] canvas, int r, int from, int to) {
    int w = model.width();
    int cols = to - from;
    double[] x = new double[n * cols];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < cols; c++) {
        x[i * cols + c] = PixelLevels.networkInput(canvas[(i * model.height() + r) * w + from + c]);
      }
    }
    return model.factory().of(x, Shape.of(n, 1, 1, cols), model.dtype());
  }

  /** Rows {@code [top, top + count)} of the canvas as the network's input {@code (n, 1, count, W)}. */
  private Tensor imageRows(float[] canvas, int top, int count) {
    int w = model.width();
    double[] x = new double[n * count * w];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < count; r++) {
        for (int c = 0; c < w; c++) {
          x[(i * count + r) * w + c] = PixelLevels.networkInput(canvas[(i * model.height() + top + r) * w + c]);
        }
      }
    }
    return model.factory().of(x, Shape.of(n, 1, count, w), model.dtype());
  }
}
