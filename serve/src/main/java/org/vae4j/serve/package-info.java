/**
 * {@code vae4j serve}: an HTTP service for one trained model, with a JSON API described at
 * {@code /openapi.json} and a latent-space explorer page at {@code /}. {@link org.vae4j.serve.ServeServer}
 * starts it for a {@link org.vae4j.serve.model.ServedModel} under {@link org.vae4j.serve.ServeOptions}.
 */
package org.vae4j.serve;
