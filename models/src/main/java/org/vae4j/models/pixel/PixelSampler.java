package org.vae4j.models.pixel;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;

/**
 * The incremental computation behind a pixel model's sampler: the logits of one pixel at a time, in raster
 * order, reusing what earlier pixels computed (rows of states, the vertical stack of the current row) instead
 * of running the whole network again. One sampler serves one call of {@link PixelModel#sample} or
 * {@link PixelModel#complete}, on the thread that made it, under {@code NoGrad}.
 *
 * <p>Tensors it keeps between pixels are held out of every scope with {@link #hold} and closed by
 * {@link #drop} or {@link #close}; everything else lives in the caller's per-pixel scope.
 */
abstract class PixelSampler implements AutoCloseable {
  private final Set<Tensor> held = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * The logits {@code (n, logitChannels)} of pixel {@code (r, c)} given the canvas, whose pixels before
   * {@code (r, c)} in raster order hold their final values. Called once per pixel, in raster order.
   *
   * @param canvas {@code n * H * W} pixel values in [0, 1], image after image, row-major
   */
  abstract Tensor logitsAt(float[] canvas, int r, int c);

  /** Takes {@code t} out of the open scopes; this sampler closes it. Returns it. */
  protected final Tensor hold(Tensor t) {
    Scope.release(t);
    held.add(t);
    return t;
  }

  /** Closes a tensor this sampler holds (null and tensors it does not hold are ignored). */
  protected final void drop(Tensor t) {
    if (t != null && held.remove(t)) {
      t.close();
    }
  }

  /** Holds {@code fresh} in place of {@code old}, which is closed. Returns {@code fresh}. */
  protected final Tensor replace(Tensor old, Tensor fresh) {
    drop(old);
    return hold(fresh);
  }

  /** Closes every tensor still held. */
  @Override
  public void close() {
    for (Tensor t : held) {
      t.close();
    }
    held.clear();
  }
}
