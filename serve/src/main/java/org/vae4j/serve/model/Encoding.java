package org.vae4j.serve.model;

/**
 * Latent codes of a batch: for a model with a continuous latent, the means and log-variances of q(z|x)
 * ({@code count * latentDim} each, {@code codes} null); for a vector-quantized one, the code indices of
 * each position ({@code count * positions} whole numbers, the others null).
 */
public record Encoding(Rows mean, Rows logVariance, Rows codes) implements RowSlices<Encoding> {

  /** Continuous codes. */
  public static Encoding gaussian(Rows mean, Rows logVariance) {
    return new Encoding(mean, logVariance, null);
  }

  /** Discrete codes. */
  public static Encoding discrete(Rows codes) {
    return new Encoding(null, null, codes);
  }

  @Override
  public Encoding rows(int from, int to) {
    return codes != null ? discrete(codes.rows(from, to))
        : gaussian(mean.rows(from, to), logVariance.rows(from, to));
  }
}
