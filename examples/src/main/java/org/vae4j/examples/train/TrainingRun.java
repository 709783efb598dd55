package org.vae4j.examples.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.data.TrainTest;
import org.vae4j.core.distributions.Validation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.NonFiniteLossException;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.core.train.Trainer;
import org.vae4j.core.train.TrainerBuilder;
import org.vae4j.core.train.TrainingSummary;
import org.vae4j.examples.run.EpochStats;
import org.vae4j.examples.run.MetricsCsv;
import org.vae4j.examples.run.RunDirectory;
import org.vae4j.examples.run.RunDirectoryException;
import org.vae4j.examples.run.RunSummary;
import org.vae4j.examples.run.StopOnSignal;
import org.vae4j.examples.run.TrainingProgress;

/**
 * One {@code vae4j train} run. It first builds the model (and checks that the checkpoint to resume from fits
 * it), so that bad input fails before anything is written; then takes its run folder (never one another run
 * holds), writes {@code run.json}, trains with core's {@link Trainer} (progress on the terminal,
 * {@code metrics.csv} per epoch, the checkpoint {@code model.safetensors} after every epoch), draws the
 * model's pictures and {@code loss.png}, estimates the test log-likelihood where the model has one, and writes
 * {@code summary.json}.
 *
 * <p>A run that fails before its first checkpoint removes its folder, so the same {@code --out} can be used
 * again; one that fails later keeps it and says how to resume. SIGTERM or SIGINT stop it at the next step
 * boundary with a checkpoint ({@link StopOnSignal}). A non-finite loss or parameter ends it as bad input (the
 * learning rate), with the options that help. A run is used once, on one thread.
 */
public final class TrainingRun {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

  private final RunSettings settings;
  private final RunConfig config;
  private final Optional<RunSource> resume;
  private final TrainTest data;
  private final ModelRecipe recipe;
  private final TensorFactory tensors;
  private final OptimizerFactory optimizers;
  private final Supplier<TrainingProgress> progress;

  /**
   * A run of {@code config} (the resumed run's, when {@code resume} is present) on {@code data} and
   * {@code tensors}' backend, with the command line's {@code settings}; {@code progress} makes the display.
   */
  public TrainingRun(RunSettings settings, RunConfig config, Optional<RunSource> resume, TrainTest data,
      ModelRecipe recipe, TensorFactory tensors, OptimizerFactory optimizers, Supplier<TrainingProgress> progress) {
    this.settings = settings;
    this.config = config;
    this.resume = resume;
    this.data = data;
    this.recipe = recipe;
    this.tensors = tensors;
    this.optimizers = optimizers;
    this.progress = progress;
  }

  /**
   * What a run leaves: its folder and summary.
   *
   * @param run     the run folder
   * @param summary what {@code summary.json} holds, or null when the run was stopped before its end
   * @param stopped true when a signal stopped the run (it left a checkpoint to resume from)
   */
  public record Result(RunDirectory run, RunSummary summary, boolean stopped) {
  }

  /** The data set in a run folder's name: {@code mnist-10k}, {@code fashion-mnist}, or a folder's own name. */
  public static String dataLabel(String data) {
    Path name = Path.of(data).toAbsolutePath().normalize().getFileName();
    return name == null ? "data" : name.toString();
  }

  /** Trains and writes every file of the run folder. */
  public Result run() {
    long start = System.nanoTime();
    ModelSpec spec = config.spec();
    recipe.check(spec);
    // the images were checked to lie in [0, 1] when they were loaded; checking the decoder's targets again at
    // every step would cost a read-back from the backend per step
    boolean validation = Validation.setEnabled(false);
    try (TrainableModel model = newModel(spec);
        Optimizer optimizer = optimizers.create(model.namedParameters())) {
      resume.ifPresent(r -> requireFits(r, model, optimizer));
      if (settings.initFrom() != null) {
        // a state dict that does not fit is refused before the run folder exists
        InitialParameters.load(model, settings.initFrom(), settings.initNames());
      }
      RunDirectory run = RunDirectory.create(settings.out(), spec.kind() + "-" + dataLabel(config.data()));
      // the signal hook is released last: once it returns, a JVM that is shutting down halts, so the lock must
      // be gone and a failed run's folder cleaned up by then
      try (StopOnSignal stop = StopOnSignal.install()) {
        try (run) {
          return train(run, model, optimizer, stop, start);
        } catch (RuntimeException | Error e) {
          String discarded = discardUnlessCheckpointed(run, e);
          if (e instanceof NonFiniteLossException n) {
            throw new RunInputException(nonFiniteMessage(n, run, discarded), n);
          }
          if (discarded == null) {
            LOG.warn("the run folder {} keeps its last checkpoint: continue with {}", run.path(),
                resumeCommand(run));
          }
          throw e;
        }
      }
    } finally {
      Validation.setEnabled(validation);
    }
  }

  private Result train(RunDirectory run, TrainableModel model, Optimizer optimizer, StopOnSignal stop, long start) {
    ModelSpec spec = config.spec();
    LOG.info("{} on {} ({}): {} training and {} test images, writing to {}", recipe.describe(spec),
        tensors.backendName(), tensors.device(), data.train().size(), data.test().size(), run.path());
    config.write(run.path());
    List<EpochStats> epochs;
    TrainingSummary trained;
    List<EpochStats> earlier;
    try (TrainingProgress display = progress.get();
        MetricsCsv metrics = MetricsCsv.create(run.file("metrics.csv"))) {
      earlier = resume.map(r -> MetricsCsv.read(r.folder().resolve("metrics.csv"), r.epoch(), settings.epochs()))
          .orElse(List.of());
      earlier.forEach(metrics::append);
      ProgressListener listener = new ProgressListener(display, metrics);
      ImageDatasetView train = config.binarize()
          ? ImageDatasetView.dynamicallyBinarized(data.train(), recipe.imageShape(spec), config.seed())
          : ImageDatasetView.grey(data.train(), recipe.imageShape(spec));
      Dataset trainSet = recipe.trainingData(train, spec, tensors);
      // a checkpoint after every epoch, so that a run killed part-way can be resumed with --resume
      long stepsPerEpoch = (trainSet.size() + config.batch() - 1) / config.batch();
      Dataset test = recipe.trainingData(ImageDatasetView.grey(data.test(), recipe.imageShape(spec)), spec, tensors);
      TrainerBuilder builder = Trainer.builder(model, optimizer).epochs(settings.epochs()).batchSize(config.batch())
          .testBatchSize(500).seed(config.seed()).testSet(test).checkpoint(run.file(RunSource.CHECKPOINT), stepsPerEpoch)
          .clipGradientNorm(config.clipGradNorm()).skipNonFinite(config.skipNonFinite())
          .listener(train).listener(listener);
      resume.ifPresent(r -> {
        LOG.info("resuming {} at {}, towards {} epochs", r.checkpoint(), r.position(), settings.epochs());
        builder.resumeFrom(r.checkpoint());
      });
      Trainer trainer = builder.build();
      stop.onStop(trainer::requestStop);
      if (stop.requested()) {
        throw new IllegalStateException("stopped by a signal before training began");
      }
      trained = trainer.fit(trainSet);
      epochs = listener.epochs();
    }
    if (trained.stopped()) {
      RunSource saved = RunSource.locate(run.path(), "--out");
      LOG.info("stopped at {}; its checkpoint is {}: continue with {}", saved.position(), saved.checkpoint(),
          resumeCommand(run));
      return new Result(run, null, true);
    }
    return new Result(run, finish(run, model, trained, earlier, epochs, start), false);
  }

  /** The pictures, the log-likelihood estimate and {@code summary.json} of a finished run. */
  private RunSummary finish(RunDirectory run, TrainableModel model, TrainingSummary trained, List<EpochStats> earlier,
      List<EpochStats> epochs, long start) {
    List<EpochStats> all = new ArrayList<>(earlier);
    all.addAll(epochs);
    return RunCompletion.write(run, config, recipe, data, tensors, new RunCompletion.Trained(model, trained.epochs(),
        trained.testLoss(), all, epochs, settings.logLikelihoodImages(), start));
  }

  /** The model, or a one-line refusal when its sizes cannot be built (an overflowing or huge --hidden). */
  private TrainableModel newModel(ModelSpec spec) {
    try {
      return recipe.create(spec, ParameterFactory.of(tensors, PhiloxStream.seeded(config.seed())));
    } catch (RunInputException | RunDirectoryException e) {
      throw e;
    } catch (ArithmeticException | IllegalArgumentException e) {
      throw new RunInputException("model " + recipe.describe(spec) + " cannot be built: " + e.getMessage()
          + "; give smaller --hidden or --latent", e);
    } catch (OutOfMemoryError e) {
      throw new RunInputException("model " + recipe.describe(spec) + " does not fit in the Java heap of "
          + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; give smaller --hidden or --latent, or more heap"
          + " (JAVA_OPTS=-Xmx16g)", e);
    }
  }

  /** Refuses, before anything is written, a checkpoint that does not fit the model its run.json describes. */
  private void requireFits(RunSource source, TrainableModel model, Optimizer optimizer) {
    try {
      Checkpoint c = Checkpoint.read(source.checkpoint());
      c.restoreParameters(model);
      c.restoreOptimizer(optimizer);
    } catch (IOException e) {
      throw new RunDirectoryException("--resume " + settings.resume() + ": " + oneLine(e.getMessage()), e);
    }
  }

  /**
   * Discards the run folder when it holds no checkpoint, so that the same {@code --out} can be used again.
   *
   * @return what was discarded, or null when the folder holds a checkpoint and is kept
   */
  private static String discardUnlessCheckpointed(RunDirectory run, Throwable failure) {
    if (Files.exists(run.file(RunSource.CHECKPOINT))) {
      return null;
    }
    try {
      return run.discard();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      return "the run folder " + run.path() + " could not be removed (" + e.getMessage() + ")";
    }
  }

  private String nonFiniteMessage(NonFiniteLossException n, RunDirectory run, String discarded) {
    String state = n.checkpointState();
    String where = discarded == null ? ": continue from it with " + resumeCommand(run) + " and one of these"
        : "; " + discarded;
    String options = n.skippable()
        ? ", clip the gradients with --clip-grad-norm (e.g. 1.0) or skip such steps with --skip-non-finite"
        : " or clip the gradients with --clip-grad-norm (e.g. 1.0)";
    return n.problem() + ". " + Character.toUpperCase(state.charAt(0)) + state.substring(1) + where
        + ". Lower --lr (it is " + ResumeRules.format(config.lr()) + ")" + options;
  }

  private String resumeCommand(RunDirectory run) {
    return "'vae4j train " + config.spec().kind() + " --resume " + run.path() + " --epochs " + settings.epochs()
        + " --out <new folder>'";
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
