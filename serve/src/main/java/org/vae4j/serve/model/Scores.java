package org.vae4j.serve.model;

/**
 * Anomaly scores of a batch, in nats per image: the negative ELBO (a single-sample bound, higher is more
 * surprising) and the importance-sampled estimate of log p(x) with {@code k} samples, or null where the
 * model has no such estimate (a VQ-VAE's posterior is a point, so its ELBO is all there is).
 */
public record Scores(double[] negativeElbo, double[] logLikelihood, int k) {
}
