/**
 * Stochastic variational inference for models users write (as Pyro's SVI and TFP's
 * {@code fit_surrogate_posterior}): a {@link org.vae4j.core.inference.JointModel} gives the log joint density
 * over named latent variables, a {@link org.vae4j.core.inference.Guide} is the variational family (mean-field
 * normal, full-rank normal, a normalizing flow, or the user's own), and {@link org.vae4j.core.inference.Svi}
 * maximizes the ELBO with reparameterized or score-function gradients.
 */
package org.vae4j.core.inference;
