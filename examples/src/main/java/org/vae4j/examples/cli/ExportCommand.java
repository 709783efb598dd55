package org.vae4j.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vae4j.core.checkpoint.CheckpointException;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.app.ModelLoader;
import org.vae4j.examples.interop.TorchInterop;
import org.vae4j.examples.train.RunInputException;
import org.vae4j.models.Vae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vae4j export --format torch}: a trained MLP VAE as a safetensors state dict with the names of
 * pytorch/examples' {@code VAE} ({@code fc1}, {@code fc21}, {@code fc22}, {@code fc3}, {@code fc4}), which
 * {@code model.load_state_dict(safetensors.torch.load_file(path))} loads; the README shows the class. It prints
 * the test loss at the posterior mean, a figure PyTorch computes alike for the same weights.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Export a trained VAE for PyTorch: a safetensors state dict with the parameter names of "
        + "pytorch/examples' VAE (fc1, fc21, fc22, fc3, fc4).", "Also prints minus the ELBO at the posterior "
        + "mean of the first 200 test images, which PyTorch reproduces for the same weights."})
public final class ExportCommand implements Callable<Integer> {
  private static final int CHECK_IMAGES = 200;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ModelUseOptions use;

  @Option(names = "--format", paramLabel = "<torch>", defaultValue = TorchInterop.TORCH,
      description = "What to write: torch (the only format so far). Default: ${DEFAULT-VALUE}.")
  private String format;

  @Option(names = "--out", paramLabel = "<file.safetensors>",
      description = "The file to write; must not exist. Default: model-torch.safetensors beside the checkpoint.")
  private Path out;

  private final ModelLoader loader;

  ExportCommand(CommandContext context) {
    this.loader = context.modelLoader();
  }

  @Override
  public Integer call() {
    if (!format.equals(TorchInterop.TORCH)) {
      throw new RunInputException("--format " + format + ": give torch");
    }
    try (ModelLoader.Loaded m = loader.load(use.run(), use.bareCheckpoint(), use.backend(), use.device())) {
      if (!(m.model() instanceof Vae vae) || !m.config().spec().kind().equals("vae")
          || m.config().spec().hidden().length != 1) {
        throw new RunInputException("--run " + use.run() + " holds " + m.config().spec() + "; export "
            + "--format torch writes pytorch/examples' VAE, so give the run of 'vae4j train vae' with one "
            + "--hidden width");
      }
      Path file = OutputFiles.fresh(out != null ? out : m.checkpoint().resolveSibling("model-torch.safetensors"));
      try {
        TorchInterop.exportVae(vae, file);
      } catch (CheckpointException e) {
        throw new RunInputException("--run " + use.run() + ": " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
      }
      var test = loader.data(m.config()).test();
      double loss = TorchInterop.lossAtPosteriorMean(vae, test, CHECK_IMAGES, m.tensors());
      var s = m.config().spec();
      spec.commandLine().getOut().println("wrote " + file.toAbsolutePath() + ": the state dict of pytorch/"
          + "examples' VAE(" + s.pixels() + ", " + s.firstHidden() + ", " + s.latent() + ") (fc1, fc21, fc22, "
          + "fc3, fc4)");
      spec.commandLine().getOut().println(String.format(Locale.ROOT, "minus the ELBO at the posterior mean, "
          + "first %d test images: %.4f nats", Math.min(CHECK_IMAGES, test.size()), loss));
    }
    return ExitCodes.OK;
  }
}
