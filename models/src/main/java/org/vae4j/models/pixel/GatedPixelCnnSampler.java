package org.vae4j.models.pixel;

import java.util.List;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.core.nn.GatedMaskedBlock;

/**
 * The cached sampler of a {@link GatedPixelCnn}. At the first pixel of row r it runs the vertical stacks on
 * rows {@code r - reach .. r} only ({@code reach} the rows all vertical stacks see together; rows further up
 * cannot reach row r) and keeps each layer's vertical-to-horizontal features of row r. Each pixel then runs
 * the horizontal stacks on row r alone and the head on one column. The vertical output of row r never reads
 * row r of the image, and the horizontal one never reads pixels at or right of the current one, so the values
 * the canvas holds there do not matter.
 */
final class GatedPixelCnnSampler extends PixelSampler {
  private final GatedPixelCnn model;
  private final int n;
  private final Tensor condition;
  private final int reach;
  private final Tensor[] toHorizontal;

  GatedPixelCnnSampler(GatedPixelCnn model, int n, Tensor condition) {
    this.model = model;
    this.n = n;
    this.condition = condition;
    int r = 0;
    for (GatedMaskedBlock layer : model.layers()) {
      r += layer.verticalReach();
    }
    this.reach = r;
    this.toHorizontal = new Tensor[model.layers().size()];
  }

  @Override
  Tensor logitsAt(float[] canvas, int r, int c) {
    List<GatedMaskedBlock> layers = model.layers();
    if (c == 0) {
      int top = Math.max(0, r - reach);
      Tensor v = rows(canvas, top, r + 1);
      for (int l = 0; l < layers.size(); l++) {
        GatedMaskedBlock.VerticalOut out = layers.get(l).vertical(v, condition);
        toHorizontal[l] = replace(toHorizontal[l], out.toHorizontal().slice(2, r - top, r - top + 1));
        v = out.gated();
      }
    }
    Tensor h = rows(canvas, r, r + 1);
    for (int l = 0; l < layers.size(); l++) {
      h = layers.get(l).horizontal(h, toHorizontal[l], condition);
    }
    return model.head(h.slice(3, c, c + 1)).reshape(n, model.levels().logitChannels());
  }

  /** Rows {@code [from, to)} of the canvas as the network's input {@code (n, 1, to - from, W)}. */
  private Tensor rows(float[] canvas, int from, int to) {
    int h = model.height();
    int w = model.width();
    int rows = to - from;
    double[] x = new double[n * rows * w];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < w; c++) {
          x[(i * rows + r) * w + c] = PixelLevels.networkInput(canvas[(i * h + from + r) * w + c]);
        }
      }
    }
    return model.factory().of(x, Shape.of(n, 1, rows, w), model.dtype());
  }
}
