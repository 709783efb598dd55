package org.vae4j.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.vae4j.api.Shape;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.CheckpointException;
import org.vae4j.core.checkpoint.HostTensor;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;

/**
 * Where a run is: steps done, the epoch in progress, batches of it done, that epoch's order of examples
 * and the random stream. Saved to and restored from checkpoints together with model and optimizer.
 */
final class RunPosition {
  private static final String ORDER = "order";
  private static final String BATCH_SIZE_KEY = "trainer.batch_size";

  long step;
  int epoch;
  int batchInEpoch;
  int[] order;
  PhiloxStream rng;

  RunPosition(long seed) {
    rng = PhiloxStream.seeded(seed);
  }

  /** Writes model, optimizer and this position to {@code file} atomically. */
  void save(Path file, TrainableModel model, Optimizer optimizer, int batchSize) {
    var builder = Checkpoint.builder()
        .parameters(model.namedParameters())
        .optimizer(optimizer)
        .position(step, epoch, batchInEpoch)
        .random(rng)
        .model(model.modelName(), model.modelConfig())
        .metadata(BATCH_SIZE_KEY, Integer.toString(batchSize));
    if (batchInEpoch > 0) {
      builder.trainerTensor(ORDER, HostTensor.ofInts(order, Shape.of(order.length)));
    }
    try {
      builder.build().write(file);
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
  String describe() {
    return "step " + step + ", epoch " + epoch + ", batch " + batchInEpoch;
  }

  /** A permutation of {@code 0..n-1} drawn with Fisher-Yates from the run's stream, or the identity. */
  void newOrder(int n, boolean shuffle) {
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
  }
}
