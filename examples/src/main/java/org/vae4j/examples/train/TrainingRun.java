package org.vae4j.examples.train;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.distributions.Validation;
import org.vae4j.core.nn.ParameterFactory;
import org.vae4j.core.optim.Optimizer;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.train.Dataset;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.core.train.Trainer;
import org.vae4j.core.train.TrainerBuilder;
import org.vae4j.core.train.TrainingSummary;
import org.vae4j.core.data.TrainTest;
import org.vae4j.examples.pictures.LossPlot;
import org.vae4j.examples.run.EpochStats;
import org.vae4j.examples.run.MetricsCsv;
import org.vae4j.examples.run.RunDirectory;
import org.vae4j.examples.run.RunSummary;
import org.vae4j.examples.run.TrainingProgress;

/**
 * One {@code vae4j train} run: makes the run folder (never reusing one), writes {@code run.json}, trains with
 * core's {@link Trainer} (progress on the terminal, {@code metrics.csv} per epoch, the checkpoint
 * {@code model.safetensors} after every epoch), then draws the model's pictures and {@code loss.png}, estimates the
 * test log-likelihood where the model has one, and writes {@code summary.json}.
 *
 * <p>Everything is injected by the run's Guice module; a run is used once, on one thread.
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
  private final Provider<TrainingProgress> progress;

  @Inject
  TrainingRun(RunSettings settings, RunConfig config, Optional<RunSource> resume, TrainTest data,
      ModelRecipe recipe, TensorFactory tensors, OptimizerFactory optimizers, Provider<TrainingProgress> progress) {
    this.settings = settings;
    this.config = config;
    this.resume = resume;
    this.data = data;
    this.recipe = recipe;
    this.tensors = tensors;
    this.optimizers = optimizers;
    this.progress = progress;
  }

  /** The data set in a run folder's name: {@code mnist-10k}, {@code fashion-mnist}, or a folder's own name. */
  static String dataLabel(String data) {
    Path name = Path.of(data).toAbsolutePath().normalize().getFileName();
    return name == null ? "data" : name.toString();
  }

  /** What a finished run reports: its folder and summary. */
  public record Result(RunDirectory run, RunSummary summary) {
  }

  /** Trains and writes every file of the run folder. */
  public Result run() {
    long start = System.nanoTime();
    ModelSpec spec = config.spec();
    recipe.check(spec);
    if (settings.initFrom() != null) {
      // a state dict that does not fit is refused before the run folder exists
      try (TrainableModel probe = recipe.create(spec, ParameterFactory.of(tensors, PhiloxStream.seeded(0)))) {
        InitialParameters.load(probe, settings.initFrom(), settings.initNames());
      }
    }
    RunDirectory run = RunDirectory.create(settings.out(), spec.kind() + "-" + dataLabel(config.data()));
    LOG.info("{} on {} ({}): {} training and {} test images, writing to {}", recipe.describe(spec),
        tensors.backendName(), tensors.device(), data.train().size(), data.test().size(), run.path());
    config.write(run.path());
    // the images were checked to lie in [0, 1] when they were loaded; checking the decoder's targets again at
    // every step would cost a read-back from the backend per step
    boolean validation = Validation.setEnabled(false);
    try (TrainableModel model = recipe.create(spec, ParameterFactory.of(tensors, PhiloxStream.seeded(config.seed())));
        Optimizer optimizer = optimizers.create(model.namedParameters());
        TrainingProgress display = progress.get();
        MetricsCsv metrics = MetricsCsv.create(run.file("metrics.csv"))) {
      if (settings.initFrom() != null) {
        InitialParameters.load(model, settings.initFrom(), settings.initNames());
      }
      List<EpochStats> earlier = resume.map(r -> MetricsCsv.read(r.checkpoint().toAbsolutePath().getParent()
          .resolve("metrics.csv"), r.epoch(), settings.epochs())).orElse(List.of());
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
          .listener(train).listener(listener);
      resume.ifPresent(r -> {
        LOG.info("resuming {} after epoch {} of {}", r.checkpoint(), r.epoch(), settings.epochs());
        builder.resumeFrom(r.checkpoint());
      });
      TrainingSummary trained = builder.build().fit(trainSet);
      display.close();

      List<EpochStats> epochs = listener.epochs();
      List<EpochStats> all = new ArrayList<>(earlier);
      all.addAll(epochs);
      String heading = PictureContext.heading(recipe.describe(spec), data.name(), trained.epochs());
      LossPlot.write(run.file("loss.png"), all.stream().mapToDouble(EpochStats::trainLoss).toArray(),
          all.stream().mapToDouble(EpochStats::testLoss).toArray(), recipe.lossLabel(), "Loss per epoch: "
          + recipe.describe(spec) + ", " + data.name());
      int llImages = Math.min(data.test().size(), settings.logLikelihoodImages() < 0 ? recipe.logLikelihoodImages()
          : settings.logLikelihoodImages());
      PictureContext pictures = new PictureContext(run, data, spec, tensors, config.seed(), llImages, heading);
      long picturesStart = System.nanoTime();
      LOG.info("drawing the pictures into {}", run.path());
      recipe.drawPictures(model, pictures);
      if (llImages > 0) {
        LOG.info("pictures drawn in {} s; estimating the test log-likelihood of {} images ({})",
            String.format(Locale.ROOT, "%.1f", (System.nanoTime() - picturesStart) / 1e9), llImages,
            recipe.logLikelihoodMethod());
      }
      OptionalDouble logLikelihood = recipe.testLogLikelihood(model, pictures);

      double seconds = epochs.stream().mapToDouble(EpochStats::seconds).sum();
      double examples = epochs.stream().mapToDouble(e -> e.seconds() * e.examplesPerSecond()).sum();
      RunSummary summary = new RunSummary(tensors.backendName(), tensors.device().toString(), recipe.describe(spec),
          config.data(), trained.epochs(), trained.testLoss(),
          logLikelihood.isPresent() ? logLikelihood.getAsDouble() : null, seconds > 0 ? examples / seconds : 0,
          (System.nanoTime() - start) / 1e9, RunSummary.measurePeakHeapBytes(), config.seed(),
          logLikelihood.isPresent() ? recipe.logLikelihoodSamples() : null,
          logLikelihood.isPresent() ? llImages : null);
      summary.write(run.file("summary.json"));
      LOG.info("done in {} s: test loss {}{}; pictures, metrics and checkpoint in {}",
          String.format(Locale.ROOT, "%.1f", summary.wallSeconds()),
          String.format(Locale.ROOT, "%.2f", trained.testLoss()),
          logLikelihood.isPresent() ? String.format(Locale.ROOT, ", test log-likelihood %.2f (%s)",
              logLikelihood.getAsDouble(), recipe.logLikelihoodMethod()) : "",
          run.path());
      return new Result(run, summary);
    } finally {
      Validation.setEnabled(validation);
    }
  }
}
