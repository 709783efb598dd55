package org.vae4j.serve.model;

import org.vae4j.models.Vae;
import org.vae4j.models.VariationalModel;

/** A {@link Vae} (MLP or convolutional): no labels. */
final class VaeAdapter extends VariationalAdapter {
  private final Vae vae;

  VaeAdapter(Vae vae, ModelInfo info) {
    super(info, vae.dataShape(), vae, vae.latentDim());
    this.vae = vae;
  }

  @Override
  VariationalModel view(int[] labels) {
    return vae;
  }

  @Override
  public int classes() {
    return 0;
  }

  @Override
  public boolean conditional() {
    return false;
  }

  @Override
  public Rows interpolate(float[] from, float[] to, int steps, int label) {
    return host(vae.interpolate(image(from), image(to), steps), steps);
  }
}
