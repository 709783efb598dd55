package org.vae4j.spark.score;

import java.io.Serializable;

/**
 * How rows are scored.
 *
 * @param samples      k, importance samples per row for log p(x) (VAE runs)
 * @param seed         the seed of the noise; row r draws from a stream keyed by (seed, r's id)
 * @param weightDraws  weight draws averaged per row for a Bayesian network's class probabilities
 * @param batch        rows scored together (changes speed, never results)
 */
public record ScoreOptions(int samples, long seed, int weightDraws, int batch) implements Serializable {
  private static final long serialVersionUID = 1L;

  public ScoreOptions {
    if (samples < 1 || weightDraws < 1 || batch < 1) {
      throw new IllegalArgumentException("--samples, --weight-draws and --batch must be >= 1, got " + samples + ", "
          + weightDraws + " and " + batch);
    }
  }

  /** k = 100, seed 0, 20 weight draws, batches of 256 rows. */
  public static ScoreOptions defaults() {
    return new ScoreOptions(100, 0, 20, 256);
  }
}
