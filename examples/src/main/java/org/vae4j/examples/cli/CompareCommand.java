package org.vae4j.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.app.ModelLoader;
import org.vae4j.examples.compare.Comparison;
import org.vae4j.examples.compare.ComparisonReport;
import org.vae4j.examples.data.Datasets;
import org.vae4j.examples.run.RunDirectory;
import org.vae4j.examples.train.ModelRecipes;
import org.vae4j.examples.train.RunSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j compare <run>...}: scores trained runs on the same test digits and binarisation
 * ({@link Comparison}) and writes {@code comparison.md} and {@code comparison.json} into a new run folder.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Score trained runs on the same test digits: a VAE's negative ELBO and importance-sampled "
        + "-log p(x), the pixel models' exact -log p(x), a VQ-VAE prior's bound on grey levels; writes "
        + "comparison.md and comparison.json."},
    footer = {"", "Example:", "  vae4j compare runs/vae-bin runs/pixelcnn-bin runs/pixelrnn-bin runs/pixelrnn-grey"
        + " runs/prior"})
public final class CompareCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Parameters(paramLabel = "<run>", arity = "1..*",
      description = "Run folders written by 'vae4j train' (vae or convvae with --binarize, gated-pixelcnn, pixelrnn,"
          + " pixelcnn), all on one data set.")
  private List<Path> runs;

  @Option(names = "--images", paramLabel = "<n>", defaultValue = "1000", converter = Converters.PositiveInt.class,
      description = "Test images scored, from the first. Default: ${DEFAULT-VALUE}.")
  private int images;

  @Option(names = "--k", paramLabel = "<n>", defaultValue = "5000", converter = Converters.PositiveInt.class,
      description = "Importance samples per image for a VAE's -log p(x). Default: ${DEFAULT-VALUE}.")
  private int k;

  @Mixin
  private ComputeOptions compute;

  @Option(names = "--out", paramLabel = "<dir>",
      description = "Folder for the tables; must not exist yet or be empty. Default: a new folder "
          + "runs/compare-<date>-<time>.")
  private Path out;

  private final ModelLoader loader;
  private final Datasets datasets;
  private final ModelRecipes recipes;

  CompareCommand(CommandContext context) {
    this.loader = context.modelLoader();
    this.datasets = context.datasets();
    this.recipes = context.recipes();
  }

  @Override
  public Integer call() {
    for (Path run : runs) {
      RunSource.locate(run, "compare");
    }
    Path written;
    ComparisonReport report;
    try (RunDirectory dir = RunDirectory.create(out, "compare")) {
      try {
        report = new Comparison(loader, datasets, recipes, compute.backend(), compute.device()).score(runs, images,
            k, compute.seed(42));
      } catch (RuntimeException e) {
        dir.discard(); // nothing is written before the scores are in
        throw e;
      }
      report.write(dir);
      written = dir.path();
    }
    spec.commandLine().getOut().print(report.markdown());
    spec.commandLine().getOut().println("\nwrote comparison.md and comparison.json to " + written.toAbsolutePath());
    return ExitCodes.OK;
  }
}
