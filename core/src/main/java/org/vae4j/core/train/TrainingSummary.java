package org.vae4j.core.train;

import java.util.List;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * @param steps         steps done in total, including those before a resume
 * @param epochs        epochs finished in total
 * @param trainLoss     the last finished epoch's training loss, or NaN when no epoch finished in this run
 * @param testLoss      the last evaluation's test loss, or NaN without a test set
 * @param skippedSteps  steps skipped in this run for non-finite values
 * @param stopped       true when {@link Trainer#requestStop()} ended the run early
 * @param history       the reports of the epochs finished in this run
 */
public record TrainingSummary(long steps, int epochs, double trainLoss, double testLoss, long skippedSteps,
    boolean stopped, List<EpochReport> history) {
  public TrainingSummary {
    history = List.copyOf(history);
  }
}
