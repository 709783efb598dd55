package org.vae4j.serve.model;

/**
 * The form of a model's latent code. A continuous latent has {@code dimensions} real values with a
 * standard normal prior ({@code codes} 0); a discrete one is a {@code height x width} map of indices into
 * {@code codes} codebook vectors ({@code dimensions} 0). A model without a latent code has all zero.
 */
public record LatentSpace(int dimensions, int height, int width, int codes) {

  /** No latent code (e.g. a Bayesian classifier). */
  public static final LatentSpace NONE = new LatentSpace(0, 0, 0, 0);

  /** {@code dimensions} real values under N(0, I). */
  public static LatentSpace continuous(int dimensions) {
    return new LatentSpace(dimensions, 0, 0, 0);
  }

  /** A {@code height x width} map of indices in {@code [0, codes)}. */
  public static LatentSpace discrete(int height, int width, int codes) {
    return new LatentSpace(0, height, width, codes);
  }

  /** True for a map of code indices. */
  public boolean isDiscrete() {
    return codes > 0;
  }

  /** Values per latent code: the dimensions, or the positions of the map. */
  public int size() {
    return isDiscrete() ? height * width : dimensions;
  }
}
