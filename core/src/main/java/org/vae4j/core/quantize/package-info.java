/**
 * Vector quantization for VQ-VAE (van den Oord et al. 2017): {@link org.vae4j.core.quantize.VectorQuantizer}
 * maps encoder outputs to their nearest codebook entries with a straight-through gradient, and trains the
 * codebook by a loss or by exponential moving averages, restarting dead codes.
 */
package org.vae4j.core.quantize;
