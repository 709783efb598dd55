package org.vae4j.core.train;

/**
 * One training step.
 *
 * @param step          steps done so far, this one included (from 1)
 * @param epoch         the epoch, from 0
 * @param batchInEpoch  this batch's position in the epoch, from 0
 * @param loss          this batch's loss (possibly non-finite when {@code skipped})
 * @param runningLoss   the example-weighted mean loss over the epoch's steps so far, skipped ones excluded
 * @param examplesDone  examples seen in this epoch so far, this batch included
 * @param learningRate  the rate the optimizer used (or would have used, when skipped)
 * @param gradientNorm  the global gradient norm before clipping (possibly non-finite when {@code skipped}),
 *                      or NaN when the loss itself was not finite
 * @param skipped       true when the step was skipped for a non-finite loss or gradient
 */
public record StepReport(long step, int epoch, int batchInEpoch, double loss, double runningLoss,
    long examplesDone, double learningRate, double gradientNorm, boolean skipped) {
}
