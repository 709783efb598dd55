/**
 * Variational estimators written against {@link org.vae4j.api.LatentVariableModel}: the ELBO
 * ({@link org.vae4j.core.estimators.Elbo}) with KL weight schedules and free bits, the importance-weighted
 * bound ({@link org.vae4j.core.estimators.Iwae}), the importance-sampled log-likelihood used for evaluation
 * ({@link org.vae4j.core.estimators.LogLikelihood}), the Bayes-by-Backprop complexity cost and the
 * straight-through gradient estimator.
 */
package org.vae4j.core.estimators;
