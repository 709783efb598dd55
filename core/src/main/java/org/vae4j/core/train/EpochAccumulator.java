package org.vae4j.core.train;

/** Running totals of one epoch's steps: example-weighted loss, examples, skipped steps and time. */
final class EpochAccumulator {
  private final long startNanos = System.nanoTime();
  private double weightedLoss;
  private long countedExamples;
  private long examples;
  private int skipped;
  private long endNanos = -1;

  void add(double loss, int batchSize) {
    weightedLoss += loss * batchSize;
    countedExamples += batchSize;
    examples += batchSize;
  }

  void skip(int batchSize) {
    examples += batchSize;
    skipped++;
  }

  /** Mean loss of the counted steps so far, NaN before any. */
  double runningLoss() {
    return countedExamples == 0 ? Double.NaN : weightedLoss / countedExamples;
  }

  /** Examples processed so far, skipped steps included. */
  long examples() {
    return examples;
  }

  /** Stops the clock: time after this (evaluation) is not counted. */
  void finishTraining() {
    endNanos = System.nanoTime();
  }

  EpochReport report(int epoch, long step, double testLoss) {
    double seconds = ((endNanos < 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    return new EpochReport(epoch, step, runningLoss(), testLoss, seconds, seconds > 0 ? examples / seconds : 0,
        skipped);
  }
}
