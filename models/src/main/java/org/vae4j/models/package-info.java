/**
 * Ready-made models on vae4j-core's layers and estimators: the {@link org.vae4j.models.Vae} (the AEVB
 * paper's MLP, pytorch/examples' 784-400-20 layout, a convolutional VAE for 28x28 images), the
 * {@link org.vae4j.models.ConditionalVae}, and the deterministic {@link org.vae4j.models.Autoencoder}
 * baseline; the Bayesian MLP lives in {@link org.vae4j.models.bayes}.
 *
 * <p>Every model is a core {@code TrainableModel} (a scalar {@code loss(Batch, RandomStream)} that the
 * generic trainer minimises) and owns its parameters: closing the model closes them. Parameter names follow
 * PyTorch ({@code encoder.1.weight}). The latent-variable models implement the api
 * {@code LatentVariableModel}, so core's ELBO, IWAE and log-likelihood estimators apply to them unchanged.
 *
 * <p>Threads: a model's forward passes may run on one thread at a time (the tensors' rule).
 */
package org.vae4j.models;
