package org.vae4j.core.train;

/**
 * One finished epoch.
 *
 * @param epoch             the epoch, from 0
 * @param step              steps done at its end
 * @param trainLoss         the example-weighted mean training loss of the epoch's steps, skipped steps
 *                          excluded, including the steps before a resume from the middle of the epoch (a
 *                          checkpoint carries the epoch's running totals); NaN when none counted
 * @param seconds           wall-clock seconds of the epoch's training steps in this process (evaluation, and
 *                          the steps before a resume, excluded)
 * @param testLoss          the mean evaluation loss over the test set, or NaN without a test set
 * @param examplesPerSecond training examples processed per second in this process (those before a resume are
 *                          not timed and not counted)
 * @param skippedSteps      steps skipped in this epoch for non-finite values
 */
public record EpochReport(int epoch, long step, double trainLoss, double testLoss, double seconds,
    double examplesPerSecond, int skippedSteps) {
}
