package org.vae4j.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.examples.app.DataPreparation;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.app.ModelLoader;
import org.vae4j.examples.data.Datasets;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.examples.run.RunDirectoryException;
import org.vae4j.examples.train.PixelCompletions;
import org.vae4j.examples.train.RunInputException;
import org.vae4j.models.pixel.PixelModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j complete}: a trained pixel model ({@code gated-pixelcnn}, {@code pixelrnn}) is given the top rows
 * of test images and draws the rest, several times each; the PNG shows per row what it was given, the
 * completions and the image ({@link PixelCompletions}). The images are the run's test images (binarised as
 * the run's were) or those of {@code --data}.
 */
@Command(name = "complete", mixinStandardHelpOptions = true,
    description = "Complete the top rows of test images with a trained gated-pixelcnn or pixelrnn into a PNG grid.")
public final class CompleteCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Mixin
  private ModelUseOptions use;

  @Option(names = "--count", paramLabel = "<n>", defaultValue = "10", converter = Converters.PositiveInt.class,
      description = "Test images to complete, from the first. Default: ${DEFAULT-VALUE}.")
  private int count;

  @Option(names = "--samples", paramLabel = "<n>", defaultValue = "5", converter = Converters.PositiveInt.class,
      description = "Completions of each image. Default: ${DEFAULT-VALUE}.")
  private int samples;

  @Option(names = "--rows", paramLabel = "<n>",
      description = "Rows at the top that the model is given. Default: half the image.")
  private Integer rows;

  @Option(names = "--out", paramLabel = "<file.png>",
      description = "The PNG to write; must not exist. Default: completions-seed<seed>.png in the run folder.")
  private Path out;

  private final ModelLoader loader;
  private final Datasets datasets;

  CompleteCommand(CommandContext context) {
    this.loader = context.modelLoader();
    this.datasets = context.datasets();
  }

  @Override
  public Integer call() {
    if (out != null) {
      OutputFiles.fresh(out);
    }
    int n;
    Path file;
    try (ModelLoader.Loaded m = loader.load(use.run(), use.bareCheckpoint(), use.backend(), use.device())) {
      if (!(m.model() instanceof PixelModel model)) {
        throw new RunDirectoryException("--run " + use.run() + " is a " + m.config().spec().kind() + " run; complete"
            + " needs the run of a gated-pixelcnn or pixelrnn");
      }
      String data = use.data();
      ImageDataset test = data == null ? loader.data(m.config()).test()
          : DataPreparation.prepare(datasets.load(data), 0, m.config().binarize()).test();
      if (test.rows() != model.height() || test.cols() != model.width()) {
        throw new RunInputException("--data " + data + " holds " + test.rows() + "x" + test.cols() + " images, but the"
            + " run's model was trained on " + model.height() + "x" + model.width() + "; give images of that size");
      }
      int given = rows != null ? rows : model.height() / 2;
      if (given < 1 || given >= model.height()) {
        throw new RunInputException("--rows " + given + " is outside 1.." + (model.height() - 1) + " for "
            + model.height() + "-row images");
      }
      n = Math.min(count, test.size());
      var batch = test.slice(0, n);
      long seed = use.seed(m.config().seed());
      file = OutputFiles.fresh(out != null ? out : m.folder().resolve("completions-seed" + seed + ".png"));
      PixelCompletions.write(file, model, m.tensors(), batch.images(), batch.labels(), n, given, samples,
          PhiloxStream.seeded(seed), m.heading());
    }
    spec.commandLine().getOut().println("wrote " + samples + " completions of each of " + n + " test images to "
        + file.toAbsolutePath());
    return ExitCodes.OK;
  }
}
