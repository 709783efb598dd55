package org.vae4j.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vae4j.core.optim.Optimizer;

/** Configures a {@link Trainer}; see {@link Trainer#builder}. Not thread-safe. */
public final class TrainerBuilder {
  private final TrainableModel model;
  private final Optimizer optimizer;
  private int epochs = 1;
  private int batchSize = 100;
  private int testBatchSize;
  private long seed;
  private boolean shuffle = true;
  private boolean dropLast;
  private Dataset testSet;
  private double clipGradientNorm;
  private boolean skipNonFinite;
  private Path checkpointFile;
  private long checkpointEvery;
  private Path resumeFrom;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private GradientSynchronizer synchronizer = GradientSynchronizer.LOCAL;

  TrainerBuilder(TrainableModel model, Optimizer optimizer) {
    this.model = Objects.requireNonNull(model, "model");
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
  }

  /** Total epochs (passes over the training set), counting those before a resume; default 1. */
  public TrainerBuilder epochs(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("Trainer: epochs must be >= 1, got " + epochs);
    }
    this.epochs = epochs;
    return this;
  }

  /** Examples per training step; default 100. */
  public TrainerBuilder batchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("Trainer: batchSize must be >= 1, got " + batchSize);
    }
    this.batchSize = batchSize;
    return this;
  }

  /** Examples per evaluation batch; default the training batch size. */
  public TrainerBuilder testBatchSize(int testBatchSize) {
    if (testBatchSize < 1) {
      throw new IllegalArgumentException("Trainer: testBatchSize must be >= 1, got " + testBatchSize);
    }
    this.testBatchSize = testBatchSize;
    return this;
  }

  /** Seed of the random stream that shuffles the data and feeds the model's noise; default 0. */
  public TrainerBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Whether each epoch visits the training set in a fresh random order; default true. */
  public TrainerBuilder shuffle(boolean shuffle) {
    this.shuffle = shuffle;
    return this;
  }

  /** Whether to drop an epoch's last batch when it is smaller than the batch size; default false. */
  public TrainerBuilder dropLast(boolean dropLast) {
    this.dropLast = dropLast;
    return this;
  }

  /** A held-out set evaluated under NoGrad after every epoch; default none. */
  public TrainerBuilder testSet(Dataset testSet) {
    this.testSet = testSet;
    return this;
  }

  /** Clips the gradients' global norm to {@code maxNorm} before each update; 0 (the default) turns it off. */
  public TrainerBuilder clipGradientNorm(double maxNorm) {
    if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
      throw new IllegalArgumentException("Trainer: clipGradientNorm must be a finite number >= 0, got " + maxNorm);
    }
    this.clipGradientNorm = maxNorm;
    return this;
  }

  /**
   * The trainer checks every step's loss and global gradient norm. When true, a step with a non-finite
   * loss or gradient norm is skipped with a logged warning and
   * counted ({@link StepReport#skipped()}); when false (the default), it stops the run with a
   * {@link NonFiniteLossException}. A non-finite evaluation loss, or non-finite parameters when a checkpoint
   * is due, stop the run either way: skipping cannot undo an update.
   */
  public TrainerBuilder skipNonFinite(boolean skip) {
    this.skipNonFinite = skip;
    return this;
  }

  /**
   * Writes a checkpoint to {@code file} (replaced atomically each time) every {@code everySteps} steps
   * (0: only at the end) and when the run ends or is stopped. One due at the last step of an epoch is written
   * after that epoch's evaluation, as the start of the next epoch; with {@code everySteps} equal to the steps
   * of an epoch, that is one checkpoint per finished epoch. A checkpoint whose parameters or optimizer state
   * hold NaN or infinities is never written: the run stops with a {@link NonFiniteLossException} instead.
   */
  public TrainerBuilder checkpoint(Path file, long everySteps) {
    if (everySteps < 0) {
      throw new IllegalArgumentException("Trainer: checkpoint interval must be >= 0 steps, got " + everySteps);
    }
    this.checkpointFile = Objects.requireNonNull(file, "file");
    this.checkpointEvery = everySteps;
    return this;
  }

  /**
   * Continues the run saved in {@code file}: parameters, optimizer state, step, epoch, position in the
   * epoch's order, the epoch's running totals and random stream are restored before the first step.
   * {@link #epochs} counts the epochs done before; {@link Trainer#fit} refuses a run that has done them all.
   */
  public TrainerBuilder resumeFrom(Path file) {
    this.resumeFrom = Objects.requireNonNull(file, "file");
    return this;
  }

  /** Adds a progress listener. */
  public TrainerBuilder listener(TrainingListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * How gradients are combined with other workers' between backward and step; default
   * {@link GradientSynchronizer#LOCAL} (one machine).
   */
  public TrainerBuilder gradientSynchronizer(GradientSynchronizer synchronizer) {
    this.synchronizer = Objects.requireNonNull(synchronizer, "synchronizer");
    return this;
  }

  /** The trainer. */
  public Trainer build() {
    TrainerOptions options = new TrainerOptions(epochs, batchSize, testBatchSize == 0 ? batchSize : testBatchSize,
        seed, shuffle, dropLast, testSet, clipGradientNorm, skipNonFinite, checkpointFile, checkpointEvery,
        resumeFrom, listeners, synchronizer);
    return new Trainer(model, optimizer, options);
  }
}
