package org.vae4j.models.pixel;

import org.vae4j.api.Module;
import org.vae4j.api.Tensor;

/**
 * One recurrent layer of a {@link PixelRnn} with its residual connection: {@code (N, 2h, H, W)} to the same
 * shape, the output at a pixel depending on the input at that pixel and before it (raster order) only.
 */
interface PixelRnnLayer extends Module {

  /** The layer on a whole map, teacher forced: {@code x + project(lstm(x))}. */
  Tensor forward(Tensor x);
}
