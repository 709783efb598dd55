package org.vae4j.spark.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.core.train.TrainingListener;
import org.vae4j.core.train.TrainingStart;
import org.vae4j.examples.data.TrainTest;
import org.vae4j.examples.pictures.LossPlot;
import org.vae4j.examples.run.EpochStats;
import org.vae4j.examples.run.MetricsCsv;
import org.vae4j.examples.run.RunDirectory;
import org.vae4j.examples.run.RunSummary;
import org.vae4j.examples.run.TrainingProgress;
import org.vae4j.examples.train.ImageDatasetView;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.PictureContext;
import org.vae4j.examples.train.ProgressListener;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.examples.train.RunSource;

/**
 * The files of a run folder as {@code vae4j train} writes them, for a run trained by several workers:
 * {@code run.json} up front, {@code metrics.csv} and the checkpoint while training (by rank 0), then the
 * pictures, {@code loss.png} and {@code summary.json} from the final checkpoint. Stateless.
 */
public final class RunFolders {
  private static final Logger LOG = LoggerFactory.getLogger(RunFolders.class);

  private RunFolders() {
  }

  /** The checkpoint file of a run folder. */
  public static Path checkpoint(Path folder) {
    return folder.resolve(RunSource.CHECKPOINT);
  }

  /** Makes the folder of a new run (never reusing one) and writes its {@code run.json}. */
  public static Path create(Path out, RunConfig config) {
    ExamplesAdapter.recipe(config.spec().kind()).check(config.spec());
    RunDirectory run = RunDirectory.create(out, config.spec().kind());
    config.write(run.path());
    return run.path().toAbsolutePath();
  }

  /** What one worker trains: the model, the training and test sets as the recipe makes them. */
  public record WorkerSetup(TrainableModel model, Dataset train, Dataset test, List<TrainingListener> dataListeners) {
  }

  /**
   * The model (initialised from the run's seed, the same on every worker), the training set as the recipe
   * makes it (binarised anew each epoch when the run asks for it) and the test set.
   */
  public static WorkerSetup worker(RunConfig config, TrainTest data, TensorFactory tensors) {
    ModelRecipe recipe = ExamplesAdapter.recipe(config.spec().kind());
    var spec = config.spec();
    TrainableModel model = recipe.create(spec, ParameterFactory.of(tensors, PhiloxStream.seeded(config.seed())));
    ImageDatasetView train = config.binarize()
        ? ImageDatasetView.dynamicallyBinarized(data.train(), recipe.imageShape(spec), config.seed())
        : ImageDatasetView.grey(data.train(), recipe.imageShape(spec));
    Dataset trainSet = recipe.trainingData(train, spec, tensors);
    Dataset test = recipe.trainingData(ImageDatasetView.grey(data.test(), recipe.imageShape(spec)), spec, tensors);
    return new WorkerSetup(model, trainSet, test, List.of(train));
  }

  /**
   * Rank 0's progress display and {@code metrics.csv}. When the folder already has metrics (a rerun of the
   * training stage after a worker died), the rows up to {@code resumedEpoch} are kept and the rest dropped.
   * The display counts {@code globalExamples} per epoch. Close the returned listener's resources with it.
   */
  public static MetricsListener metrics(Path folder, int resumedEpoch, int epochs, int globalExamples) {
    Path file = folder.resolve("metrics.csv");
    List<EpochStats> earlier = MetricsCsv.read(file, resumedEpoch, epochs);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + file + ": " + e.getMessage(), e);
    }
    MetricsCsv csv = MetricsCsv.create(file);
    earlier.forEach(csv::append);
    TrainingProgress progress = TrainingProgress.forThisTerminal();
    return new MetricsListener(new ProgressListener(progress, csv), progress, csv, globalExamples);
  }

  /** Rank 0's listener: progress and metrics, with the epoch's examples counted over all workers. */
  public static final class MetricsListener implements TrainingListener, AutoCloseable {
    private final ProgressListener listener;
    private final TrainingProgress progress;
    private final MetricsCsv csv;
    private final int globalExamples;

    MetricsListener(ProgressListener listener, TrainingProgress progress, MetricsCsv csv, int globalExamples) {
      this.listener = listener;
      this.progress = progress;
      this.csv = csv;
      this.globalExamples = globalExamples;
    }

    @Override
    public void onStart(TrainingStart s) {
      listener.onStart(new TrainingStart(s.epochs(), s.stepsPerEpoch(), s.startEpoch(), s.startStep(),
          globalExamples));
    }

    @Override
    public void onStep(org.vae4j.core.train.StepReport step) {
      listener.onStep(step);
    }

    @Override
    public void onEpoch(org.vae4j.core.train.EpochReport report) {
      listener.onEpoch(report);
    }

    @Override
    public void close() {
      progress.close();
      csv.close();
    }
  }

  /**
   * Finishes a run whose training is done: loads the final checkpoint on {@code tensors}, draws the recipe's
   * pictures and {@code loss.png}, estimates the test log-likelihood and writes {@code summary.json}.
   *
   * @param logLikelihoodImages test images of the estimate, -1 for the recipe's default
   * @param startNanos          {@link System#nanoTime()} when the run began, for its wall time
   */
  public static RunSummary finish(Path folder, TensorFactory tensors, int logLikelihoodImages, long startNanos) {
    RunConfig config = ExamplesAdapter.config(folder, "run " + folder);
    ModelRecipe recipe = ExamplesAdapter.recipe(config.spec().kind());
    TrainTest data = ExamplesAdapter.data(config);
    List<EpochStats> epochs = MetricsCsv.read(folder.resolve("metrics.csv"), Integer.MAX_VALUE, Integer.MAX_VALUE);
    LossPlot.write(folder.resolve("loss.png"), epochs.stream().mapToDouble(EpochStats::trainLoss).toArray(),
        epochs.stream().mapToDouble(EpochStats::testLoss).toArray(), recipe.lossLabel());
    try (TrainableModel model = recipe.create(config.spec(), ParameterFactory.of(tensors, PhiloxStream.seeded(0)))) {
      Checkpoint checkpoint = Checkpoint.read(checkpoint(folder));
      checkpoint.restoreParameters(model);
      model.train(false);
      int ll = logLikelihoodImages < 0 ? recipe.logLikelihoodImages() : logLikelihoodImages;
      PictureContext pictures = new PictureContext(new RunDirectory(folder), data, config.spec(), tensors,
          config.seed(), ll);
      recipe.drawPictures(model, pictures);
      OptionalDouble logLikelihood = recipe.testLogLikelihood(model, pictures);
      double seconds = epochs.stream().mapToDouble(EpochStats::seconds).sum();
      double examples = epochs.stream().mapToDouble(e -> e.seconds() * e.examplesPerSecond()).sum();
      double testLoss = epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testLoss();
      RunSummary summary = new RunSummary(tensors.backendName(), tensors.device().toString(),
          recipe.describe(config.spec()), config.data(), checkpoint.epoch(), testLoss,
          logLikelihood.isPresent() ? logLikelihood.getAsDouble() : null, seconds > 0 ? examples / seconds : 0,
          (System.nanoTime() - startNanos) / 1e9, RunSummary.measurePeakHeapBytes());
      summary.write(folder.resolve("summary.json"));
      LOG.info("done: test loss {}{}; pictures, metrics and checkpoint in {}",
          String.format(Locale.ROOT, "%.2f", testLoss),
          logLikelihood.isPresent() ? String.format(Locale.ROOT, ", test log-likelihood %.2f (%s)",
              logLikelihood.getAsDouble(), recipe.logLikelihoodMethod()) : "", folder);
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the final checkpoint of " + folder + ": " + e.getMessage(), e);
    }
  }
}
