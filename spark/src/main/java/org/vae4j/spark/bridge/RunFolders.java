package org.vae4j.spark.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.checkpoint.Checkpoint;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.core.train.TrainingListener;
import org.vae4j.core.train.TrainingStart;
import org.vae4j.core.data.TrainTest;
import org.vae4j.examples.run.EpochStats;
import org.vae4j.examples.run.MetricsCsv;
import org.vae4j.examples.run.RunDirectory;
import org.vae4j.examples.run.RunSummary;
import org.vae4j.examples.run.TrainingProgress;
import org.vae4j.examples.train.ImageDatasetView;
import org.vae4j.examples.train.ModelRecipe;
import org.vae4j.examples.train.ProgressListener;
import org.vae4j.examples.train.RunCompletion;
import org.vae4j.examples.train.RunConfig;
import org.vae4j.examples.train.RunSource;
import org.vae4j.examples.train.TrainingRun;

/**
 * The files of a run folder as {@code vae4j train} writes them, for a run trained by several workers:
 * {@code run.json} up front, {@code metrics.csv} and the checkpoint while training (by rank 0), then the
 * pictures, {@code loss.png} and {@code summary.json} from the final checkpoint. Stateless.
 */
public final class RunFolders {
  private RunFolders() {
  }

  /** The checkpoint file of a run folder. */
  public static Path checkpoint(Path folder) {
    return folder.resolve(RunSource.CHECKPOINT);
  }

  /**
   * Makes and locks the folder of a new run (never reusing one) and writes its {@code run.json}; the caller
   * holds it for the whole job and closes it (releasing the lock) at the end.
   */
  public static RunDirectory create(Path out, RunConfig config) {
    ExamplesAdapter.recipe(config.spec().kind()).check(config.spec());
    RunDirectory run = RunDirectory.create(out, config.spec().kind() + "-" + TrainingRun.dataLabel(config.data()));
    config.write(run.path());
    return run;
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
   * Finishes a run whose training is done, as {@code vae4j train} does ({@link RunCompletion}): loads the final
   * checkpoint on {@code tensors}, then writes the pictures, {@code loss.png}, the test log-likelihood estimate
   * and {@code summary.json}.
   *
   * @param logLikelihoodImages test images of the estimate, -1 for the recipe's default
   * @param startNanos          {@link System#nanoTime()} when the run began, for its wall time
   */
  public static RunSummary finish(RunDirectory run, TensorFactory tensors, int logLikelihoodImages, long startNanos) {
    Path folder = run.path();
    RunConfig config = ExamplesAdapter.config(folder, "run " + folder);
    ModelRecipe recipe = ExamplesAdapter.recipe(config.spec().kind());
    TrainTest data = ExamplesAdapter.data(config);
    List<EpochStats> epochs = MetricsCsv.read(folder.resolve("metrics.csv"), Integer.MAX_VALUE, Integer.MAX_VALUE);
    try (TrainableModel model = recipe.create(config.spec(), ParameterFactory.of(tensors, PhiloxStream.seeded(0)))) {
      Checkpoint checkpoint = Checkpoint.read(checkpoint(folder));
      checkpoint.restoreParameters(model);
      model.train(false);
      double testLoss = epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testLoss();
      return RunCompletion.write(run, config, recipe, data, tensors, new RunCompletion.Trained(model,
          checkpoint.epoch(), testLoss, epochs, epochs, logLikelihoodImages, startNanos));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the final checkpoint of " + folder + ": " + e.getMessage(), e);
    }
  }
}
