package org.vae4j.core.train;

/**
 * One finished epoch.
 *
 * @param epoch             the epoch, from 0
 * @param step              steps done at its end
 * @param trainLoss         the example-weighted mean training loss of the epoch's steps (those done in this
 *                          process, after a resume), skipped steps excluded; NaN when none counted
 * @param testLoss          the mean evaluation loss over the test set, or NaN without a test set
 * @param seconds           wall-clock seconds of the epoch's training steps (evaluation excluded)
 * @param examplesPerSecond training examples processed per second
 * @param skippedSteps      steps skipped in this epoch for non-finite values
 */
public record EpochReport(int epoch, long step, double trainLoss, double testLoss, double seconds,
    double examplesPerSecond, int skippedSteps) {
}
