package org.vae4j.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.vae4j.api.Shape;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointBuilder;
import org.vae4j.core.checkpoint.CheckpointException;
import org.vae4j.core.checkpoint.HostTensor;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;

/**
 * Where a run is: steps done, the epoch in progress, batches of it done, that epoch's order of examples and
 * running totals, and the random stream. Saved to and restored from checkpoints together with model and
 * optimizer. A position with no batch of its epoch done is an epoch boundary: {@link #epoch} epochs are
 * finished.
 */
final class RunPosition {
  private static final String ORDER = "order";
  private static final String BATCH_SIZE_KEY = "trainer.batch_size";

  long step;
  int epoch;
  int batchInEpoch;
  int[] order;
  EpochAccumulator totals;
  PhiloxStream rng;

  RunPosition(long seed) {
    rng = PhiloxStream.seeded(seed);
  }

  /**
   * Model, optimizer and this position as a checkpoint held on the host, not yet written. The caller checks
   * its values before writing it.
   */
  Checkpoint snapshot(TrainableModel model, Optimizer optimizer, int batchSize) {
    CheckpointBuilder builder = Checkpoint.builder()
        .parameters(model)
        .optimizer(optimizer)
        .position(step, epoch, batchInEpoch)
        .random(rng)
        .model(model.modelName(), model.modelConfig())
        .metadata(BATCH_SIZE_KEY, Integer.toString(batchSize));
    if (batchInEpoch > 0) {
      builder.trainerTensor(ORDER, HostTensor.ofInts(order, Shape.of(order.length)));
      totals.save(builder);
    }
    return builder.build();
  }

  /** Writes {@code checkpoint} to {@code file} atomically. */
  void write(Checkpoint checkpoint, Path file) {
    try {
      checkpoint.write(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Trainer: could not write checkpoint " + file + " at step " + step + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Restores model, optimizer and this position from {@code file}, checking that the run it holds fits
   * the training set and batch size.
   */
  void restore(Path file, TrainableModel model, Optimizer optimizer, int batchSize, int examples) {
    try {
      Checkpoint c = Checkpoint.read(file);
      if (!c.hasTrainingState()) {
        throw new CheckpointException(file, "holds no training position or random stream (only weights?);"
            + " load the weights with Checkpoint.restoreParameters and start a new run instead of resuming");
      }
      int savedBatch = savedBatchSize(c);
      if (c.batchInEpoch() > 0) {
        HostTensor savedOrder = c.trainerTensor(ORDER);
        if (savedOrder == null || savedOrder.shape().size() != examples) {
          throw new CheckpointException(file, "was saved in the middle of an epoch over "
              + (savedOrder == null ? "an unknown number of" : savedOrder.shape().size()) + " examples, but this"
              + " training set has " + examples + "; resume with the same training set");
        }
        if (savedBatch != batchSize) {
          throw new CheckpointException(file, "was saved in the middle of an epoch with batch size " + savedBatch
              + ", not " + batchSize + "; resume with the same batch size");
        }
        order = savedOrder.toIntArray();
        totals = EpochAccumulator.restore(c.metadata(), file);
      }
      c.restoreParameters(model);
      c.restoreOptimizer(optimizer);
      step = c.step();
      epoch = c.epoch();
      batchInEpoch = c.batchInEpoch();
      rng = c.randomStream();
    } catch (IOException e) {
      throw new UncheckedIOException("Trainer: cannot resume: " + e.getMessage(), e);
    }
  }

  private static int savedBatchSize(Checkpoint c) throws CheckpointException {
    String s = c.metadata().get(BATCH_SIZE_KEY);
    try {
      return s == null ? -1 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new CheckpointException(c.source(), "metadata " + BATCH_SIZE_KEY + " = '" + s + "' is not a number", e);
    }
  }

  /** Step, epoch and batch, for telling whether this position was already saved. */
  String key() {
    return step + "/" + epoch + "/" + batchInEpoch;
  }

  /**
   * This position for a person, counting epochs and batches from 1 as the log does: {@code step 0, before
   * the first step}, {@code step 10, the end of epoch 2 of 4} or {@code step 7 (epoch 2 of 4, 2 of 5 batches
   * done)}.
   */
  String describe(int epochs, int stepsPerEpoch) {
    if (batchInEpoch == 0) {
      return epoch == 0 ? "step 0, before the first step" : "step " + step + ", the end of epoch " + epoch + " of "
          + epochs;
    }
    return "step " + step + " (epoch " + (epoch + 1) + " of " + epochs + ", " + batchInEpoch + " of "
        + stepsPerEpoch + " batches done)";
  }

  /** Moves to the start of the next epoch. */
  void finishEpoch() {
    epoch++;
    batchInEpoch = 0;
    order = null;
    totals = null;
  }

  /** Starts the epoch: fresh totals and a permutation of {@code 0..n-1} drawn with Fisher-Yates, or the identity. */
  void startEpoch(int n, boolean shuffle) {
    int[] o = new int[n];
    for (int i = 0; i < n; i++) {
      o[i] = i;
    }
    if (shuffle) {
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = o[i];
        o[i] = o[j];
        o[j] = t;
      }
    }
    order = o;
    totals = new EpochAccumulator();
  }
}
