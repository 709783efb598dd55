/**
 * {@code vae4j compare}: the exact likelihoods of the pixel models beside the VAE's bounds and the VQ-VAE's, on
 * the same test digits and the same binarisation ({@link org.vae4j.examples.compare.Comparison}), written as a
 * table into a run folder ({@link org.vae4j.examples.compare.ComparisonReport}).
 */
package org.vae4j.examples.compare;
