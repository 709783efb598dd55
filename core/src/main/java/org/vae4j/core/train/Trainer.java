package org.vae4j.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.DType;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
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

  Trainer(TrainableModel model, Optimizer optimizer, TrainerOptions options) {
    this.model = model;
    this.optimizer = optimizer;
    this.options = options;
  }

  /** A builder for fitting {@code model} with {@code optimizer} (built over the model's parameters). */
  public static TrainerBuilder builder(TrainableModel model, Optimizer optimizer) {
    return new TrainerBuilder(model, optimizer);
  }

  /** Asks a running {@link #fit} to stop after the current step; it then writes its checkpoint and returns. */
  public void requestStop() {
    stopRequested = true;
  }

  /**
   * Trains on {@code train} until the configured number of epochs is done (or a stop is requested).
   *
   * @throws NonFiniteLossException  when a loss or gradient norm is not finite and skipping is off
   * @throws java.io.UncheckedIOException when a checkpoint cannot be written, or the one to resume from
   *                                 cannot be read or does not fit
   */
  public TrainingSummary fit(Dataset train) {
    if (train.size() == 0) {
      throw new IllegalArgumentException("Trainer.fit: the training set is empty");
    }
    stopRequested = false;
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
    if (options.resumeFrom() != null) {
      pos.restore(options.resumeFrom(), model, optimizer, batch, n);
      LOG.info("resumed from {} at step {} (epoch {}, batch {})", options.resumeFrom(), pos.step, pos.epoch,
          pos.batchInEpoch);
    }
    TrainingStart start = new TrainingStart(options.epochs(), stepsPerEpoch, pos.epoch, pos.step, n);
    options.listeners().forEach(l -> l.onStart(start));
    List<EpochReport> history = new ArrayList<>();
    long skippedTotal = 0;
    String lastSaved = options.resumeFrom() != null ? pos.describe() : "";
    double testLoss = Double.NaN;
    model.train(true);
    while (pos.epoch < options.epochs()) {
      if (pos.batchInEpoch == 0) {
        pos.newOrder(n, options.shuffle());
      }
      EpochAccumulator acc = new EpochAccumulator();
      while (pos.batchInEpoch < stepsPerEpoch && !stopRequested) {
        int from = pos.batchInEpoch * batch;
        int[] indices = Arrays.copyOfRange(pos.order, from, Math.min(n, from + batch));
        StepReport report = step(train, indices, pos, factory, dtype, acc);
        skippedTotal += report.skipped() ? 1 : 0;
        options.listeners().forEach(l -> l.onStep(report));
        if (options.checkpointFile() != null && options.checkpointEvery() > 0
            && pos.step % options.checkpointEvery() == 0) {
          save(pos);
          lastSaved = pos.describe();
        }
      }
      if (stopRequested && pos.batchInEpoch < stepsPerEpoch) {
        break;
      }
      acc.finishTraining();
      testLoss = options.testSet() == null ? Double.NaN : evaluate(options.testSet(), factory, dtype);
      EpochReport report = acc.report(pos.epoch, pos.step, testLoss);
      history.add(report);
      if (LOG.isInfoEnabled()) {
        LOG.info(String.format(Locale.ROOT, "epoch %d/%d: train loss %.5g, test loss %.5g, %.2f s, %.1f examples/s%s",
            pos.epoch + 1, options.epochs(), report.trainLoss(), report.testLoss(), report.seconds(),
            report.examplesPerSecond(), report.skippedSteps() > 0 ? ", " + report.skippedSteps() + " steps skipped"
                : ""));
      }
      options.listeners().forEach(l -> l.onEpoch(report));
      pos.epoch++;
      pos.batchInEpoch = 0;
      pos.order = null;
      if (stopRequested) {
        break;
      }
    }
    if (options.checkpointFile() != null && !lastSaved.equals(pos.describe())) {
      save(pos);
    }
    double trainLoss = history.isEmpty() ? Double.NaN : history.get(history.size() - 1).trainLoss();
    return new TrainingSummary(pos.step, pos.epoch, trainLoss, testLoss, skippedTotal, stopRequested, history);
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
    if (!options.skipNonFinite()) {
      String last = options.checkpointFile() == null ? "no checkpoint was configured"
          : "the last checkpoint, " + options.checkpointFile() + ", was left as it was";
      throw new NonFiniteLossException(stepNumber, pos.epoch, pos.batchInEpoch, quantity, value, last
          + ". Lower the learning rate, clip gradients (clipGradientNorm) or skip such steps (skipNonFinite)");
    }
    LOG.warn("step {} (epoch {}, batch {}): {} is {}; skipping the step without updating parameters",
        stepNumber, pos.epoch, pos.batchInEpoch, quantity, value);
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

  private void save(RunPosition pos) {
    pos.save(options.checkpointFile(), model, optimizer, options.batchSize());
    LOG.debug("checkpoint {} written at step {}", options.checkpointFile(), pos.step);
    options.listeners().forEach(l -> l.onCheckpoint(options.checkpointFile(), pos.step));
  }
}
