package org.vae4j.examples.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vae4j.core.Scope;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.app.ModelLoader;
import org.vae4j.core.data.ImageDataset;
import org.vae4j.examples.pictures.ImageGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j reconstruct}: the first test images of the run's data set, each row of ten above the row of
 * their reconstructions (decoded latent means), as a PNG.
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
    description = "Reconstruct test images with a trained VAE or VQ-VAE: inputs above reconstructions, as a PNG.")
public final class ReconstructCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Mixin
  private ModelUseOptions use;

  @Option(names = "--count", paramLabel = "<n>", defaultValue = "50", converter = Converters.PositiveInt.class,
      description = "Number of test images. Default: ${DEFAULT-VALUE}.")
  private int count;

  @Option(names = "--out", paramLabel = "<file.png>",
      description = "The PNG to write; must not exist. Default: reconstructions-first<count>.png in the run "
          + "folder.")
  private Path out;

  private final ModelLoader loader;

  ReconstructCommand(CommandContext context) {
    this.loader = context.modelLoader();
  }

  @Override
  public Integer call() {
    if (out != null) {
      OutputFiles.fresh(out);
    }
    try (ModelLoader.Loaded m = loader.load(use.run(), use.bareCheckpoint(), use.backend(), use.device()); Scope s = Scope.open()) {
      ImageDataset test = loader.data(m.config()).test();
      int n = Math.min(count, test.size());
      Path file = OutputFiles.fresh(out != null ? out : m.folder().resolve("reconstructions-first" + n + ".png"));
      var batch = test.slice(0, n);
      float[] recon = m.use().reconstruct(batch.images(), batch.labels(), n);
      new ImageGrid(m.config().spec().rows(), m.config().spec().cols(), 10).comparisonFigure(batch.images(),
          recon, n).title("Reconstructions: " + m.heading()).caption("The first " + n + " test images (input) "
          + "above their reconstructions (decoded).").write(file);
      spec.commandLine().getOut().println("wrote " + n + " test images and their reconstructions to "
          + file.toAbsolutePath());
    }
    return ExitCodes.OK;
  }
}
