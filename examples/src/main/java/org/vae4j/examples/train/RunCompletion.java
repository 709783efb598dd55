package org.vae4j.examples.train;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.data.TrainTest;
import org.vae4j.core.train.TrainableModel;
import org.vae4j.examples.pictures.LossPlot;
import org.vae4j.examples.run.EpochStats;
import org.vae4j.examples.run.RunDirectory;
import org.vae4j.examples.run.RunSummary;

/**
 * The end of a finished run, whoever trained it (one JVM, or workers on a cluster): {@code loss.png}, the
 * recipe's pictures, the test log-likelihood estimate and {@code summary.json}, with a log line for each part
 * that takes time. Stateless.
 */
public final class RunCompletion {
  private static final Logger LOG = LoggerFactory.getLogger(RunCompletion.class);

  private RunCompletion() {
  }

  /**
   * What the run trained, as it ends.
   *
   * @param model               the trained model, on {@code tensors}; not closed here
   * @param epochs              epochs trained in all, across resumes
   * @param finalTestLoss       the last epoch's test loss (NaN when none was computed)
   * @param allEpochs           every epoch's figures, earlier processes' too, for the loss plot
   * @param timedEpochs         the epochs this process timed, for the speed in the summary
   * @param logLikelihoodImages test images of the estimate, -1 for the recipe's default
   * @param startNanos          {@link System#nanoTime()} when the run began, for its wall time
   */
  public record Trained(TrainableModel model, int epochs, double finalTestLoss, List<EpochStats> allEpochs,
      List<EpochStats> timedEpochs, int logLikelihoodImages, long startNanos) {
  }

  /** Writes the pictures, the estimate and {@code summary.json} of {@code trained} into {@code run}. */
  public static RunSummary write(RunDirectory run, RunConfig config, ModelRecipe recipe, TrainTest data,
      TensorFactory tensors, Trained trained) {
    ModelSpec spec = config.spec();
    List<EpochStats> all = trained.allEpochs();
    String heading = PictureContext.heading(recipe.describe(spec), data.name(), trained.epochs());
    LossPlot.write(run.file("loss.png"), all.stream().mapToDouble(EpochStats::trainLoss).toArray(),
        all.stream().mapToDouble(EpochStats::testLoss).toArray(), recipe.lossLabel(), "Loss per epoch: "
        + recipe.describe(spec) + ", " + data.name());
    int llImages = Math.min(data.test().size(), trained.logLikelihoodImages() < 0 ? recipe.logLikelihoodImages()
        : trained.logLikelihoodImages());
    PictureContext pictures = new PictureContext(run, data, spec, tensors, config.seed(), llImages, heading);
    long picturesStart = System.nanoTime();
    LOG.info("drawing the pictures into {}", run.path());
    recipe.drawPictures(trained.model(), pictures);
    if (llImages > 0) {
      LOG.info("pictures drawn in {} s; estimating the test log-likelihood of {} images ({})",
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - picturesStart) / 1e9), llImages,
          recipe.logLikelihoodMethod());
    }
    OptionalDouble logLikelihood = recipe.testLogLikelihood(trained.model(), pictures);

    List<EpochStats> timed = trained.timedEpochs();
    double seconds = timed.stream().mapToDouble(EpochStats::seconds).sum();
    double examples = timed.stream().mapToDouble(e -> e.seconds() * e.examplesPerSecond()).sum();
    RunSummary summary = new RunSummary(tensors.backendName(), tensors.device().toString(), recipe.describe(spec),
        config.data(), trained.epochs(), trained.finalTestLoss(),
        logLikelihood.isPresent() ? logLikelihood.getAsDouble() : null, seconds > 0 ? examples / seconds : 0,
        (System.nanoTime() - trained.startNanos()) / 1e9, RunSummary.measurePeakHeapBytes(), config.seed(),
        logLikelihood.isPresent() ? recipe.logLikelihoodSamples() : null,
        logLikelihood.isPresent() ? llImages : null);
    summary.write(run.file("summary.json"));
    LOG.info("done in {} s: test loss {}{}; pictures, metrics and checkpoint in {}",
        String.format(Locale.ROOT, "%.1f", summary.wallSeconds()),
        String.format(Locale.ROOT, "%.2f", trained.finalTestLoss()),
        logLikelihood.isPresent() ? String.format(Locale.ROOT, ", test log-likelihood %.2f (%s)",
            logLikelihood.getAsDouble(), recipe.logLikelihoodMethod()) : "",
        run.path());
    return summary;
  }
}
