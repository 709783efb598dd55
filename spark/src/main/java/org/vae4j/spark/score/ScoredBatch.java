package org.vae4j.spark.score;

/**
 * The scores of n rows, row-major, as {@link RowScorer} makes them; the fields a model does not have are
 * null. For a VAE run: {@code zMean} and {@code zLogVar} ({@code n * latent}), {@code negativeElbo} and
 * {@code logPx} ({@code n}). For a VQ-VAE run: {@code codes} ({@code n * 49}). For a Bayesian network run:
 * {@code probabilities} and {@code predictiveStd} ({@code n * classes}) and {@code predicted} ({@code n}).
 */
public record ScoredBatch(int rows, float[] zMean, float[] zLogVar, double[] negativeElbo, double[] logPx,
    int[] codes, float[] probabilities, float[] predictiveStd, int[] predicted) {
}
