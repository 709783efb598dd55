package org.vae4j.core.nn;

import org.vae4j.api.Tensor;

/**
 * {@code x + body(x)}; {@code body} must keep the shape. Its parameters are named {@code body.*}.
 */
public final class ResidualBlock extends ModuleBase implements Layer {
  private final Layer body;

  public ResidualBlock(Layer body) {
    this.body = registerModule("body", body);
  }

  /** The residual branch. */
  public Layer body() {
    return body;
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor fx = body.forward(x);
    if (!fx.shape().equals(x.shape())) {
      throw new IllegalArgumentException("ResidualBlock: body maps " + x.shape() + " to " + fx.shape()
          + "; a residual body must keep the shape");
    }
    return x.add(fx);
  }

  @Override
  public String toString() {
    return "ResidualBlock(" + body + ")";
  }
}
