package org.vae4j.serve.model;

/**
 * A Bayesian network's predictive distribution from {@code samples} weight draws. For a classifier:
 * {@code mean} holds the mean class probabilities {@code count * classes}, {@code std} their standard
 * deviation over the draws, {@code entropy} the entropy of the mean in nats (one per row). For a regressor:
 * {@code mean} and {@code std} (epistemic and noise together) per output, {@code entropy} null.
 */
public record Prediction(Rows mean, Rows std, double[] entropy, int samples) {
}
