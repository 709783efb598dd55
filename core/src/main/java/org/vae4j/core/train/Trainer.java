package org.vae4j.core.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.DType;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.checkpoint.HostTensor;
import org.vae4j.core.optim.GradientClipping;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;

/**
 * Fits a {@link TrainableModel} with an {@link Optimizer}: epochs over a {@link Dataset} in batches, one
 * {@link Scope} per step (so memory stays flat), a shuffle drawn from one seeded {@link PhiloxStream} that
 * also feeds the model's noise, evaluation on a test set under {@link NoGrad} after each epoch, progress to
 * {@link TrainingListener}s, checkpoints every N steps and at the end, and an exact resume: a run resumed
 * from a checkpoint ends with the same parameters, bit for bit, as one never interrupted.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, Adam.builder(1e-3).build(model.namedParameters()))
 *     .epochs(10).batchSize(100).seed(42).testSet(test).checkpoint(Path.of("run.safetensors"), 1000)
 *     .build();
 * TrainingSummary summary = trainer.fit(train);
 * }</pre>
 *
 * <p>Between {@code backward()} and clipping, each step hands its gradients to the
 * {@link GradientSynchronizer} ({@link GradientSynchronizer#LOCAL} unless one is set), which combines them
 * with other workers' in data-parallel training.
 *
 * <p>Batch inputs are made in the dtype and on the backend of the model's first parameter. Evaluation
 * draws its noise from a stream seeded anew for each evaluation, so it never disturbs training's stream.
 * A trainer runs on the thread that calls {@link #fit}; only {@link #requestStop()} may be called from
 * another thread.
 */
@SuppressWarnings("try") // scopes and NoGrad blocks are used for their effect, not referenced
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final long EVALUATION_SEED_MIX = 0x9E3779B97F4A7C15L;

  private final TrainableModel model;
  private final Optimizer optimizer;
  private final TrainerOptions options;
  private volatile boolean stopRequested;
  /** The checkpoint state of the fit in progress. */
  private Saved saved;

  Trainer(TrainableModel model, Optimizer optimizer, TrainerOptions options) {
    this.model = model;
    this.optimizer = optimizer;
    this.options = options;
  }

  /** A builder for fitting {@code model} with {@code optimizer} (built over the model's parameters). */
  public static TrainerBuilder builder(TrainableModel model, Optimizer optimizer) {
    return new TrainerBuilder(model, optimizer);
  }

  /**
   * Asks {@link #fit} to stop at the next step boundary: it then writes its checkpoint (when one is configured
   * and the position is not saved yet) and returns a summary with {@link TrainingSummary#stopped()}. May be
   * called from any thread, also just before {@code fit} starts (it then stops before its first step); the
   * request ends when {@code fit} returns.
   */
  public void requestStop() {
    stopRequested = true;
  }

  /**
   * Trains on {@code train} until the configured number of epochs is done (or a stop is requested).
   *
   * <p>A checkpoint due at an epoch's last step is written after that epoch's evaluation, at the start of the
   * next epoch, so that a run resumed from it goes on with the next epoch. Checkpoints in the middle of an
   * epoch carry the epoch's running totals, so that a resumed run reports the same training loss for it.
   * Before a checkpoint is written its parameters and optimizer state are checked: none is ever written with
   * a NaN or an infinity in them.
   *
   * @throws NonFiniteLossException  when a loss or gradient norm is not finite and skipping is off, or the
   *                                 evaluation loss or a parameter about to be checkpointed is not finite
   * @throws IllegalArgumentException when the run resumed from has finished the configured epochs already
   * @throws java.io.UncheckedIOException when a checkpoint cannot be written, or the one to resume from
   *                                 cannot be read or does not fit
   */
  public TrainingSummary fit(Dataset train) {
    try {
      return run(train);
    } finally {
      stopRequested = false;
    }
  }

  private TrainingSummary run(Dataset train) {
    if (train.size() == 0) {
      throw new IllegalArgumentException("Trainer.fit: the training set is empty");
    }
    Tensor first = model.namedParameters().values().iterator().next();
    TensorFactory factory = first.factory();
    DType dtype = first.dtype();
    int n = train.size();
    int batch = options.batchSize();
    int stepsPerEpoch = options.dropLast() ? n / batch : (n + batch - 1) / batch;
    if (stepsPerEpoch == 0) {
      throw new IllegalArgumentException("Trainer.fit: dropLast with batch size " + batch + " leaves no batch of"
          + " the " + n + " training examples");
    }
    RunPosition pos = new RunPosition(options.seed());
    saved = new Saved(options.epochs(), stepsPerEpoch);
    if (options.resumeFrom() != null) {
      pos.restore(options.resumeFrom(), model, optimizer, batch, n);
      if (pos.epoch >= options.epochs()) {
        throw new IllegalArgumentException("Trainer: " + options.resumeFrom() + " holds a run that has finished "
            + pos.epoch + " epochs, and epochs(" + options.epochs() + ") asks for no more; give epochs above "
            + pos.epoch + " (the total, counting those done)");
      }
      saved.resumedFrom(options.resumeFrom(), pos);
      LOG.info("resumed from {} at {}", options.resumeFrom(), pos.describe(options.epochs(), stepsPerEpoch));
    }
    TrainingStart start = new TrainingStart(options.epochs(), stepsPerEpoch, pos.epoch, pos.step, n);
    options.listeners().forEach(l -> l.onStart(start));
    List<EpochReport> history = new ArrayList<>();
    long skippedTotal = 0;
    double testLoss = Double.NaN;
    model.train(true);
    while (pos.epoch < options.epochs()) {
      if (pos.batchInEpoch == 0) {
        pos.startEpoch(n, options.shuffle());
      }
      EpochAccumulator acc = pos.totals;
      while (pos.batchInEpoch < stepsPerEpoch && !stopRequested) {
        int from = pos.batchInEpoch * batch;
        int[] indices = Arrays.copyOfRange(pos.order, from, Math.min(n, from + batch));
        StepReport report = step(train, indices, pos, factory, dtype, acc);
        skippedTotal += report.skipped() ? 1 : 0;
        options.listeners().forEach(l -> l.onStep(report));
        if (checkpointDue(pos.step) && pos.batchInEpoch < stepsPerEpoch) {
          save(pos, snapshot(pos));
        }
      }
      if (pos.batchInEpoch < stepsPerEpoch) {
        break;
      }
      acc.finishTraining();
      testLoss = options.testSet() == null ? Double.NaN : evaluate(options.testSet(), factory, dtype);
      if (options.testSet() != null && options.testSet().size() > 0 && !Double.isFinite(testLoss)) {
        throw new NonFiniteLossException("training stopped after step " + pos.step + ", at the end of epoch "
            + (pos.epoch + 1) + " of " + options.epochs() + ": the evaluation loss on the test set is " + testLoss,
            saved.sentence(), pos.step, testLoss, false);
      }
      EpochReport report = acc.report(pos.epoch, pos.step, testLoss);
      history.add(report);
      if (LOG.isInfoEnabled()) {
        String test = options.testSet() == null ? "" : String.format(Locale.ROOT, ", test loss %.5g", report.testLoss());
        LOG.info(String.format(Locale.ROOT, "epoch %d/%d: train loss %.5g%s, %.2f s, %.1f examples/s%s",
            pos.epoch + 1, options.epochs(), report.trainLoss(), test, report.seconds(),
            report.examplesPerSecond(), report.skippedSteps() > 0 ? ", " + report.skippedSteps() + " steps skipped"
                : ""));
      }
      boolean due = checkpointDue(pos.step);
      pos.finishEpoch();
      // checked before the epoch is reported, written after: listeners never hear of an epoch that ends in a
      // refused checkpoint, and a checkpoint never precedes its epoch's report
      Checkpoint snapshot = due ? snapshot(pos) : null;
      options.listeners().forEach(l -> l.onEpoch(report));
      if (snapshot != null) {
        save(pos, snapshot);
      }
      if (stopRequested) {
        break;
      }
    }
    if (options.checkpointFile() != null && !saved.holds(pos)) {
      save(pos, snapshot(pos));
    }
    double trainLoss = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).trainLoss();
    return new TrainingSummary(pos.step, pos.epoch, trainLoss, testLoss, skippedTotal, stopRequested, history);
  }

  private boolean checkpointDue(long step) {
    return options.checkpointFile() != null && options.checkpointEvery() > 0 && step % options.checkpointEvery() == 0;
  }

  /** One step in its own scope; advances the position. */
  private StepReport step(Dataset train, int[] indices, RunPosition pos, TensorFactory factory, DType dtype,
      EpochAccumulator acc) {
    long stepNumber = pos.step + 1;
    double lr = optimizer.learningRate();
    double loss;
    double norm = Double.NaN;
    int examples = indices.length;
    boolean skipped = false;
    try (Scope scope = Scope.open()) {
      Batch batch = Batch.from(train, indices, factory, dtype);
      optimizer.zeroGrad();
      Tensor l = model.loss(batch, pos.rng, stepNumber);
      if (l.size() != 1) {
        throw new IllegalStateException("Trainer: " + model.modelName() + ".loss returned shape " + l.shape()
            + "; it must return a scalar (reduce the batch with mean())");
      }
      loss = l.item();
      if (Double.isFinite(loss)) {
        l.backward();
      }
      GradientSynchronizer.StepTotals totals = options.synchronizer().synchronize(optimizer.parameters(), loss,
          indices.length);
      loss = totals.loss();
      examples = totals.examples();
      if (!Double.isFinite(loss)) {
        skipped = nonFinite(stepNumber, pos, "loss", loss);
      } else {
        norm = options.clipGradientNorm() > 0
            ? GradientClipping.clipByGlobalNorm(optimizer.parameters().values(), options.clipGradientNorm())
            : GradientClipping.globalNorm(optimizer.parameters().values());
        if (!Double.isFinite(norm)) {
          skipped = nonFinite(stepNumber, pos, "gradient norm", norm);
        }
        if (!skipped) {
          optimizer.step();
        }
      }
    } finally {
      optimizer.zeroGrad();
    }
    pos.step = stepNumber;
    pos.batchInEpoch++;
    if (!skipped) {
      acc.add(loss, examples);
    } else {
      acc.skip(examples);
    }
    return new StepReport(stepNumber, pos.epoch, pos.batchInEpoch - 1, loss, acc.runningLoss(), acc.examples(),
        lr, norm, skipped);
  }

  /** Returns true to skip the step, or throws when skipping is off. */
  private boolean nonFinite(long stepNumber, RunPosition pos, String quantity, double value) {
    String where = "step " + stepNumber + " (epoch " + (pos.epoch + 1) + " of " + options.epochs() + ", batch "
        + (pos.batchInEpoch + 1) + " of " + saved.stepsPerEpoch + ")";
    if (!options.skipNonFinite()) {
      throw new NonFiniteLossException("training stopped at " + where + ": the " + quantity + " is " + value,
          saved.sentence(), stepNumber, value, true);
    }
    LOG.warn("{}: the {} is {}; skipping the step without updating parameters", where, quantity, value);
    return true;
  }

  /** The example-weighted mean evaluation loss over {@code test}, in order, under NoGrad. */
  private double evaluate(Dataset test, TensorFactory factory, DType dtype) {
    PhiloxStream rng = PhiloxStream.seeded(options.seed() ^ EVALUATION_SEED_MIX);
    double total = 0;
    long count = 0;
    model.train(false);
    try (NoGrad ignored = NoGrad.enter()) {
      for (int from = 0; from < test.size(); from += options.testBatchSize()) {
        int to = Math.min(test.size(), from + options.testBatchSize());
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
          indices[i] = from + i;
        }
        try (Scope scope = Scope.open()) {
          Batch batch = Batch.from(test, indices, factory, dtype);
          total += model.evaluationLoss(batch, rng).item() * indices.length;
          count += indices.length;
        }
      }
    } finally {
      model.train(true);
    }
    return count == 0 ? Double.NaN : total / count;
  }

  /**
   * The checkpoint of {@code pos}, refused when a parameter or optimizer state is not finite (an update that
   * overflowed: the next loss would be NaN too, and the file would hold a run that cannot go on).
   */
  private Checkpoint snapshot(RunPosition pos) {
    Checkpoint c = pos.snapshot(model, optimizer, options.batchSize());
    checkFinite(c.parameters(), model.namedParameters().keySet(), "parameter", pos);
    checkFinite(c.optimizerState(), c.optimizerState().keySet(), "optimizer state", pos);
    return c;
  }

  private void checkFinite(Map<String, HostTensor> tensors, Iterable<String> names, String what, RunPosition pos) {
    for (String name : names) {
      HostTensor t = tensors.get(name);
      String problem = t == null ? null : t.describeNonFinite();
      if (problem != null) {
        throw new NonFiniteLossException("training stopped at " + pos.describe(options.epochs(), saved.stepsPerEpoch)
            + ": " + what + " '" + name + "' " + problem + ", so no checkpoint was written", saved.sentence(),
            pos.step, Double.NaN, false);
      }
    }
  }

  private void save(RunPosition pos, Checkpoint checkpoint) {
    pos.write(checkpoint, options.checkpointFile());
    saved.wrote(options.checkpointFile(), pos);
    LOG.debug("checkpoint {} written at step {}", options.checkpointFile(), pos.step);
    options.listeners().forEach(l -> l.onCheckpoint(options.checkpointFile(), pos.step));
  }

  /** The last checkpoint that holds this run's state, for messages and to avoid writing one position twice. */
  private static final class Saved {
    private final int epochs;
    private final int stepsPerEpoch;
    private Path file;
    private String key = "";
    private String position;
    private boolean resumedOnly;

    Saved(int epochs, int stepsPerEpoch) {
      this.epochs = epochs;
      this.stepsPerEpoch = stepsPerEpoch;
    }

    void resumedFrom(Path from, RunPosition pos) {
      file = from;
      key = pos.key();
      position = pos.describe(epochs, stepsPerEpoch);
      resumedOnly = true;
    }

    void wrote(Path to, RunPosition pos) {
      file = to;
      key = pos.key();
      position = pos.describe(epochs, stepsPerEpoch);
      resumedOnly = false;
    }

    /** True when the checkpoint file already holds {@code pos} (or it is the position resumed from). */
    boolean holds(RunPosition pos) {
      return key.equals(pos.key());
    }

    String sentence() {
      if (file == null) {
        return "no checkpoint was written in this run";
      }
      if (resumedOnly) {
        return "no checkpoint was written in this run; " + file + ", which it resumed from, holds " + position
            + " and was left as it was";
      }
      return "the last checkpoint, " + file + ", holds " + position + " and was left as it was";
    }
  }
}
