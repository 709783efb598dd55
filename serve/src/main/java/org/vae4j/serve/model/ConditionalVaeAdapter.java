package org.vae4j.serve.model;

import org.vae4j.models.ConditionalVae;
import org.vae4j.models.VariationalModel;

/**
 * A {@link ConditionalVae}: every row has a label. Samples without labels take {@code 0, 1, ..., classes-1,
 * 0, ...} as {@link ConditionalVae#sample(int, org.vae4j.api.RandomStream)} does.
 */
final class ConditionalVaeAdapter extends VariationalAdapter {
  private final ConditionalVae cvae;

  ConditionalVaeAdapter(ConditionalVae cvae, ModelInfo info) {
    super(info, cvae.dataShape(), cvae, cvae.latentDim());
    this.cvae = cvae;
  }

  @Override
  VariationalModel view(int[] labels) {
    return cvae.conditionedOn(labels(labels));
  }

  @Override
  public Rows sample(int n, long seed, int[] labels) {
    int[] y = labels;
    if (y == null) {
      y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = i % cvae.classes();
      }
    }
    return super.sample(n, seed, y);
  }

  @Override
  public int classes() {
    return cvae.classes();
  }

  @Override
  public boolean conditional() {
    return true;
  }

  @Override
  public Rows interpolate(float[] from, float[] to, int steps, int label) {
    return host(cvae.interpolate(image(from), image(to), label, steps), steps);
  }
}
