package org.vae4j.examples.compare;

/**
 * One scored run of a comparison.
 *
 * @param table            {@code binary} (nats per image on the binarised test digits) or {@code grey} (256 grey
 *                         levels, also in bits per dimension)
 * @param model            the model in a few words ({@code pixelrnn 28x28 arch=diagonal ...})
 * @param run              the run folder
 * @param measure          what was computed: exact, a bound, or an importance-sampled estimate
 * @param natsPerImage     {@code -log p(x)} (or its bound) in nats, averaged over the test images
 * @param bitsPerDimension the same in bits per pixel
 * @param epochs           epochs the run trained
 * @param paper            the published figure for this kind of model on the full binarised MNIST, or null
 * @param seconds          wall time of the scoring
 */
public record ComparisonRow(String table, String model, String run, String measure, double natsPerImage,
    double bitsPerDimension, int epochs, String paper, double seconds) {
}
