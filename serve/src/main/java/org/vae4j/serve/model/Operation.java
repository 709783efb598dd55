package org.vae4j.serve.model;

/**
 * What a {@link ServedModel} can be asked to do; each is one {@code POST} route of the service
 * ({@code /encode}, ...). The row-wise ones give each input row a result that depends on that row alone, so
 * the service may run several requests' rows as one batch.
 */
public enum Operation {
  ENCODE(true), DECODE(true), SAMPLE(false), RECONSTRUCT(true), SCORE(false), INTERPOLATE(false), PREDICT(false);

  private final boolean rowwise;

  Operation(boolean rowwise) {
    this.rowwise = rowwise;
  }

  /** True when each row's result depends only on that row (no shared random draws): batchable. */
  public boolean rowwise() {
    return rowwise;
  }

  /** The route, e.g. {@code /encode}. */
  public String route() {
    return "/" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
