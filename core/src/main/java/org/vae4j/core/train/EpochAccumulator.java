package org.vae4j.core.train;

import java.nio.file.Path;
import java.util.Map;
import org.vae4j.core.checkpoint.CheckpointBuilder;
import org.vae4j.core.checkpoint.CheckpointException;

/**
 * Running totals of one epoch's steps: example-weighted loss, examples, skipped steps and time. The totals
 * (not the time) travel in a checkpoint saved in the middle of the epoch, so that a resumed run reports the
 * epoch's training loss exactly as an uninterrupted one does.
 */
final class EpochAccumulator {
  private static final String LOSS_SUM = "trainer.epoch_loss_sum";
  private static final String COUNTED = "trainer.epoch_counted_examples";
  private static final String EXAMPLES = "trainer.epoch_examples";
  private static final String SKIPPED = "trainer.epoch_skipped_steps";

  private final long startNanos = System.nanoTime();
  private double weightedLoss;
  private long countedExamples;
  private long examples;
  private int skipped;
  /** Examples of the epoch done before a resume, which this process's clock did not see. */
  private long restoredExamples;
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
    long timed = examples - restoredExamples;
    return new EpochReport(epoch, step, runningLoss(), testLoss, seconds, seconds > 0 ? timed / seconds : 0, skipped);
  }

  /** Stores the totals (exactly: a double's decimal string reads back to the same bits). */
  void save(CheckpointBuilder checkpoint) {
    checkpoint.metadata(LOSS_SUM, Double.toString(weightedLoss)).metadata(COUNTED, Long.toString(countedExamples))
        .metadata(EXAMPLES, Long.toString(examples)).metadata(SKIPPED, Integer.toString(skipped));
  }

  /**
   * The totals a checkpoint saved, with the clock starting now; empty totals for a checkpoint written before
   * vae4j saved them (the resumed epoch then reports only the steps done after the resume).
   */
  static EpochAccumulator restore(Map<String, String> metadata, Path file) throws CheckpointException {
    EpochAccumulator acc = new EpochAccumulator();
    if (!metadata.containsKey(LOSS_SUM)) {
      return acc;
    }
    try {
      acc.weightedLoss = Double.parseDouble(metadata.get(LOSS_SUM));
      acc.countedExamples = Long.parseLong(metadata.get(COUNTED));
      acc.examples = Long.parseLong(metadata.get(EXAMPLES));
      acc.skipped = Integer.parseInt(metadata.get(SKIPPED));
      acc.restoredExamples = acc.examples;
    } catch (NumberFormatException | NullPointerException e) {
      throw new CheckpointException(file, "metadata " + LOSS_SUM + ", " + COUNTED + ", " + EXAMPLES + " and "
          + SKIPPED + " must all be numbers, got " + metadata.get(LOSS_SUM) + ", " + metadata.get(COUNTED) + ", "
          + metadata.get(EXAMPLES) + ", " + metadata.get(SKIPPED), e);
    }
    return acc;
  }
}
