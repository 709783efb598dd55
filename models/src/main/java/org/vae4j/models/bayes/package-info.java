/**
 * Bayes by Backprop (Blundell et al., <i>Weight Uncertainty in Neural Networks</i>, 2015): a
 * {@link org.vae4j.models.bayes.BayesianMlp} of {@link org.vae4j.models.bayes.BayesianLinear} layers with a
 * diagonal Normal posterior over every weight (mean {@code mu}, {@code sigma = softplus(rho)}), a Normal or
 * scale-mixture {@link org.vae4j.models.bayes.WeightPrior}, the KL term scaled by 1/N per example, optional
 * local reparameterization (Kingma et al. 2015), and predictive means and uncertainties from Monte Carlo
 * weight samples.
 */
package org.vae4j.models.bayes;
