package org.vae4j.examples.cli;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.core.Scope;
import org.vae4j.core.random.PhiloxStream;
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

  @Option(names = "--out", paramLabel = "<file.png>", defaultValue = "samples.png",
      description = "The PNG to write; must not exist. Default: ${DEFAULT-VALUE}.")
  private Path out;

  private final ModelLoader loader;

  @Inject
  SampleCommand(ModelLoader loader) {
    this.loader = loader;
  }

  @Override
  public Integer call() {
    OutputFiles.fresh(out);
    try (ModelLoader.Loaded m = loader.load(use.run(), use.backend(), use.device()); Scope s = Scope.open()) {
      int classes = m.config().spec().classes();
      if (label != null && (label < 0 || label >= classes)) {
        throw new IllegalArgumentException("--label " + label + " is outside the run's classes 0.." + (classes - 1));
      }
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = label != null ? label : (i / 10) % classes;
      }
      float[] images = m.use().sample(labels, PhiloxStream.seeded(use.seed()));
      new ImageGrid(m.config().spec().rows(), m.config().spec().cols(), 10).write(out, images, count);
    }
    spec.commandLine().getOut().println("wrote " + count + " samples to " + out.toAbsolutePath());
    return ExitCodes.OK;
  }
}
