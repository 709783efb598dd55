package org.vae4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.api.Device;
import org.vae4j.core.data.DatasetException;
import org.vae4j.examples.app.CommandContext;
import org.vae4j.examples.data.Datasets;
import org.vae4j.examples.train.ModelRecipes;
import org.vae4j.examples.train.VaeRecipe;
import picocli.CommandLine;

class Vae4jCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private ProbeCommand probe;

  private int run(Supplier<Integer> action, String... args) {
    probe = new ProbeCommand(action);
    CommandLine cmd = Vae4jCommand.commandLine();
    cmd.addSubcommand("probe", probe);
    cmd.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private int run(String... args) {
    return run(() -> 0, args);
  }

  @Test
  void optionsHaveTheirDefaults() {
    assertThat(run("probe")).isZero();
    assertThat(probe.common.data()).isEqualTo("mnist-10k");
    assertThat(probe.common.seed()).isEqualTo(42L);
    assertThat(probe.common.backend()).isNull();
    assertThat(probe.common.device()).isNull();
    assertThat(probe.common.out()).isNull();
    assertThat(probe.training.epochs()).isEqualTo(10);
    assertThat(probe.training.batch()).isEqualTo(128);
    assertThat(probe.training.latent()).isEqualTo(20);
    assertThat(probe.training.hidden()).containsExactly(400);
    assertThat(probe.training.lr()).isEqualTo(1e-3);
    assertThat(probe.training.resume()).isNull();
    assertThat(probe.training.binarize()).isFalse();
    assertThat(probe.training.clipGradNorm()).isZero();
    assertThat(probe.training.skipNonFinite()).isFalse();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void optionsAreParsed() throws IOException {
    Path checkpoint = Files.writeString(dir.resolve("model.safetensors"), "x");
    assertThat(run("probe", "--data", "fashion-mnist", "--seed", "-7", "--backend", "djl", "--device", "gpu:1",
        "--out", "runs/a", "--epochs", "3", "--batch", "64", "--latent", "2", "--hidden", "512,256", "--lr",
        "0.0005", "--resume", checkpoint.toString(), "--binarize", "--clip-grad-norm", "2.5", "--skip-non-finite"))
        .isZero();
    assertThat(probe.common.data()).isEqualTo("fashion-mnist");
    assertThat(probe.common.seed()).isEqualTo(-7L);
    assertThat(probe.common.backend()).isEqualTo("djl");
    assertThat(probe.common.device()).isEqualTo(Device.gpu(1));
    assertThat(probe.common.out()).isEqualTo(Path.of("runs/a"));
    assertThat(probe.training.epochs()).isEqualTo(3);
    assertThat(probe.training.batch()).isEqualTo(64);
    assertThat(probe.training.latent()).isEqualTo(2);
    assertThat(probe.training.hidden()).containsExactly(512, 256);
    assertThat(probe.training.lr()).isEqualTo(5e-4);
    assertThat(probe.training.resume()).isEqualTo(checkpoint);
    assertThat(probe.training.binarize()).isTrue();
    assertThat(probe.training.clipGradNorm()).isEqualTo(2.5);
    assertThat(probe.training.skipNonFinite()).isTrue();
  }

  @Test
  void badValuesGiveOneLineAndExitCodeTwo() {
    assertThat(run("probe", "--epochs", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).isEqualTo("vae4j: Invalid value for option '--epochs': 0 is too small; give a "
        + "whole number >= 1 (see 'vae4j probe --help')" + System.lineSeparator());
  }

  @Test
  void eachCheckedOptionSaysWhatIsWrong() {
    assertOneLineError("vae4j: Invalid value for option '--batch': 'lots' is not a whole number; give one >= 1",
        "probe", "--batch", "lots");
    assertOneLineError("vae4j: Invalid value for option '--lr': -1 is not a finite number > 0; give one such "
        + "as 0.001", "probe", "--lr", "-1");
    assertOneLineError("vae4j: Invalid value for option '--hidden' (<n>): 0 is too small; give a whole "
        + "number >= 1", "probe", "--hidden", "512,0");
    assertOneLineError("vae4j: Invalid value for option '--device': device 'tpu' is not one of: cpu, gpu, gpu:N "
        + "(N = 0, 1, ...)", "probe", "--device", "tpu");
    assertOneLineError("vae4j: Invalid value for option '--clip-grad-norm': -1 is not a finite number >= 0; give one "
        + "such as 1.0", "probe", "--clip-grad-norm", "-1");
    Path missing = dir.resolve("none.safetensors");
    assertOneLineError("vae4j: Invalid value for option '--resume': " + missing + " does not exist; give a "
        + "checkpoint file or a run folder", "probe", "--resume", missing.toString());
  }

  private void assertOneLineError(String expectedStart, String... args) {
    err.getBuffer().setLength(0);
    assertThat(run(args)).as("exit code of %s", String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).startsWith(expectedStart).hasLineCount(1);
  }

  @Test
  void unknownOptionSuggestsTheNearestOne() {
    assertThat(run("probe", "--epoch", "3")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).startsWith("vae4j: Unknown options: '--epoch', '3'; did you mean --epochs")
        .endsWith("(see 'vae4j probe --help')" + System.lineSeparator()).hasLineCount(1);
  }

  @Test
  void unknownOrMissingSubcommandIsAUsageError() {
    assertThat(run("trian")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).isEqualTo("vae4j: unknown command 'trian': give one of train, sample, reconstruct, encode, complete, compare, backends, bench, export, serve, help, probe "
        + "(see 'vae4j --help')" + System.lineSeparator());
    err.getBuffer().setLength(0);
    assertThat(run()).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).isEqualTo("vae4j: missing subcommand: give one of train, sample, reconstruct, encode, complete, compare, backends, bench, export, serve, help, probe (see 'vae4j --help')"
        + System.lineSeparator());
  }

  @Test
  void userErrorsWhileRunningAreOneLineWithExitCodeTwo() {
    int code = run(() -> {
      throw new DatasetException("data 'x': no such directory; give mnist-10k");
    }, "probe");
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).isEqualTo("vae4j: data 'x': no such directory; give mnist-10k"
        + System.lineSeparator());
  }

  @Test
  void unexpectedFailuresNameTheirTypeAndExitWithOne() {
    int code = run(() -> {
      throw new ArithmeticException("/ by zero");
    }, "probe");
    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).isEqualTo("vae4j: internal error: java.lang.ArithmeticException: / by zero "
        + "(run with --verbose for the stack trace)" + System.lineSeparator());
  }

  @Test
  void verboseAddsTheStackTrace() {
    int code = run(() -> {
      throw new IllegalStateException("backend closed");
    }, "--verbose", "probe");
    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString()).startsWith("vae4j: backend closed" + System.lineSeparator()
        + "java.lang.IllegalStateException: backend closed").contains("at org.vae4j.examples.cli");

    err.getBuffer().setLength(0);
    assertThat(run("probe", "--verbose", "--epochs", "x")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("picocli.CommandLine$ParameterException");
  }

  @Test
  void trainsHelpAndItsUnknownModelMessageListTheRecipesOfTheCommandLine() {
    Cli standard = new Cli();
    assertThat(standard.run("train", "--help")).isZero();
    for (String line : ModelRecipes.standard().helpLines()) {
      assertThat(standard.out()).contains(line + System.lineSeparator());
    }
    assertThat(standard.out()).contains("Models:" + System.lineSeparator() + "  vae             MLP VAE, 784-400-20 by default,");
    assertThat(standard.out().lines()).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(80));

    Cli extended = new Cli(new CommandContext(ModelRecipes.of(new VaeRecipe(), new NanAtStepRecipe(3)),
        new Datasets()));
    assertThat(extended.run("train", "--help")).isZero();
    assertThat(extended.out()).contains("Models:" + System.lineSeparator()
        + "  vae      MLP VAE, 784-400-20 by default, Bernoulli decoder (the default job)" + System.lineSeparator()
        + "  nan-vae  the vae, whose loss is NaN at step 3" + System.lineSeparator());
    assertThat(extended.run("train", "gan")).isEqualTo(ExitCodes.USAGE);
    assertThat(extended.err()).isEqualTo("vae4j: unknown model 'gan': give one of nan-vae, vae (see 'vae4j train "
        + "--help')" + System.lineSeparator());
  }

  @Test
  void versionAndHelpGoToStandardOutput() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("vae4j 0.1.0-SNAPSHOT" + System.lineSeparator() + "Java 17");
    out.getBuffer().setLength(0);
    assertThat(run("help", "probe")).isZero();
    assertThat(out.toString()).contains("--epochs=<n>", "Passes over the training set. Default: 10; 3 for",
        "--data=<name|dir>", "Default: mnist-10k.", "--verbose");
    assertThat(err.toString()).isEmpty();
  }
}
