/**
 * VQ-VAE with a PixelCNN prior over its codes (van den Oord et al. 2017): {@link org.vae4j.models.vq.VqVae}
 * encodes 28x28 images to 7x7 maps of discrete codes and decodes them back,
 * {@link org.vae4j.models.vq.PixelCnnPrior} models the code maps autoregressively with gated masked
 * convolutions, and {@link org.vae4j.models.vq.VqVaePipeline} trains both and draws new images.
 *
 * <p>Everything here is written against the api and core, so it runs on every backend; masks and sampling
 * order do not depend on the backend. Models are not thread-safe.
 */
package org.vae4j.models.vq;
