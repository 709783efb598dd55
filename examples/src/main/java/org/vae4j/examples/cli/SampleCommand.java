package org.vae4j.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.core.Scope;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.app.ModelLoader;
import org.vae4j.examples.pictures.ImageGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j sample}: decodes draws from the prior of a trained VAE into a PNG grid, ten to a row; a
 * conditional VAE draws row {@code r} with label {@code r mod classes}, or every image with {@code --label}.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Draw samples from a trained VAE, PixelCNN prior or pixel model into a PNG grid.")
public final class SampleCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Mixin
  private ModelUseOptions use;

  @Option(names = "--count", paramLabel = "<n>", defaultValue = "100", converter = Converters.PositiveInt.class,
      description = "Number of samples. Default: ${DEFAULT-VALUE}.")
  private int count;

  @Option(names = "--label", paramLabel = "<class>",
      description = "For a conditional VAE: draw every sample of this class.")
  private Integer label;

  @Option(names = "--out", paramLabel = "<file.png>",
      description = "The PNG to write; must not exist. Default: samples-seed<seed>.png in the run folder.")
  private Path out;

  private final ModelLoader loader;

  SampleCommand(CommandContext context) {
    this.loader = context.modelLoader();
  }

  @Override
  public Integer call() {
    if (out != null) {
      OutputFiles.fresh(out);
    }
    Path file;
    try (ModelLoader.Loaded m = loader.load(use.run(), use.bareCheckpoint(), use.backend(), use.device()); Scope s = Scope.open()) {
      long seed = use.seed(m.config().seed());
      file = OutputFiles.fresh(out != null ? out : m.folder().resolve("samples-seed" + seed + ".png"));
      int classes = m.config().spec().classes();
      if (label != null && (label < 0 || label >= classes)) {
        throw new IllegalArgumentException("--label " + label + " is outside the run's classes 0.." + (classes - 1));
      }
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = label != null ? label : (i / 10) % classes;
      }
      float[] images = m.use().sample(labels, PhiloxStream.seeded(seed));
      new ImageGrid(m.config().spec().rows(), m.config().spec().cols(), 10).figure(images, count)
          .title("Samples: " + m.heading()).caption(count + " draws from the model's prior with seed " + seed
              + (label != null ? ", all of label " + label : classes > 1 && m.recipe().kind().equals("cvae")
              ? ", row r of label r mod " + classes : "") + ".").write(file);
    }
    spec.commandLine().getOut().println("wrote " + count + " samples to " + file.toAbsolutePath());
    return ExitCodes.OK;
  }
}
