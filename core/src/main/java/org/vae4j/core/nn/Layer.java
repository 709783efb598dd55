package org.vae4j.core.nn;

import org.vae4j.api.Module;
import org.vae4j.api.Tensor;

/** A module that maps one tensor to one tensor. Shapes are stated by each implementation. */
public interface Layer extends Module {

  /** Applies the layer; the result records the operation when the input or a parameter requires a gradient. */
  Tensor forward(Tensor x);
}
