package org.vae4j.models.vq;

/**
 * How a set of code maps uses a codebook of K codes.
 *
 * @param counts     how often each code occurs (length K); not copied, do not change it
 * @param total      number of codes counted
 * @param perplexity {@code exp(-sum_k p_k ln p_k)} of the code frequencies: K when all are used equally,
 *                   1 when one code is used
 * @param used       codes that occur at least once
 */
public record CodeUsage(long[] counts, long total, double perplexity, int used) {

  /**
   * The usage of the codes in {@code codes}, each in {@code [0, numCodes)}.
   *
   * @throws IllegalArgumentException for an empty array or a code outside the range
   */
  public static CodeUsage of(int[] codes, int numCodes) {
    if (codes.length == 0 || numCodes < 1) {
      throw new IllegalArgumentException("CodeUsage.of: need at least one code and numCodes >= 1, got "
          + codes.length + " codes and numCodes " + numCodes);
    }
    long[] counts = new long[numCodes];
    for (int i = 0; i < codes.length; i++) {
      int c = codes[i];
      if (c < 0 || c >= numCodes) {
        throw new IllegalArgumentException("CodeUsage.of: code " + c + " at " + i + " is outside [0, " + numCodes
            + ")");
      }
      counts[c]++;
    }
    double entropy = 0;
    int used = 0;
    for (long n : counts) {
      if (n > 0) {
        double p = n / (double) codes.length;
        entropy -= p * Math.log(p);
        used++;
      }
    }
    return new CodeUsage(counts, codes.length, Math.exp(entropy), used);
  }

  /** K. */
  public int numCodes() {
    return counts.length;
  }

  /** The fraction of the K codes that never occur. */
  public double deadFraction() {
    return (counts.length - used) / (double) counts.length;
  }

  @Override
  public String toString() {
    return String.format("perplexity %.1f of K = %d, %d codes used, %.1f%% dead", perplexity, counts.length, used,
        100 * deadFraction());
  }
}
