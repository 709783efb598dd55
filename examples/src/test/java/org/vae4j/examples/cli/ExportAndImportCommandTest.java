package org.vae4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.core.checkpoint.Checkpoint;

/**
 * {@code vae4j export --format torch}, {@code vae4j train --init-from} and bare checkpoints on the command line,
 * with the PyTorch state dict of {@code src/test/resources/torch} (pytorch/examples' VAE, 784-16-2).
 */
class ExportAndImportCommandTest {
  private static final Path TORCH = Path.of("src/test/resources/torch/torch-vae-784-16-2.safetensors");
  private static final String[] SMALL = {"--model", "vae", "--hidden", "16", "--latent", "2"};

  @TempDir
  Path dir;

  private final Cli cli = new Cli();

  private static String[] args(String[] first, String... more) {
    String[] all = new String[first.length + more.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }

  @Test
  void aBarePyTorchStateDictExportsAgainWithPyTorchsTestLoss() throws Exception {
    Path out = dir.resolve("again.safetensors");
    int code = cli.run(args(new String[] {"export", "--run", TORCH.toString(), "--out", out.toString()}, SMALL));
    assertThat(code).as(cli.err()).isZero();
    double torchLoss = Double.parseDouble(Checkpoint.read(TORCH).metadata().get("test_loss_at_mean"));
    Matcher m = Pattern.compile("posterior mean, first 200 test images: ([\\d.]+) nats").matcher(cli.out());
    assertThat(m.find()).as(cli.out()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isCloseTo(torchLoss, org.assertj.core.api.Assertions.within(5e-4));
    assertThat(Checkpoint.read(out).tensors().keySet()).containsExactly("fc1.weight", "fc21.weight", "fc22.weight",
        "fc3.weight", "fc4.weight", "fc1.bias", "fc21.bias", "fc22.bias", "fc3.bias", "fc4.bias");
  }

  @Test
  void trainingStartsFromAStateDictAndExportsIntoItsRunFolder() {
    Path run = dir.resolve("run");
    int code = cli.run("train", "vae", "--init-from", TORCH.toString(), "--hidden", "16", "--latent", "2",
        "--epochs", "1", "--limit", "200", "--ll-images", "0", "--out", run.toString());
    assertThat(code).as(cli.err()).isZero();
    assertThat(cli.run("export", "--run", run.toString())).as(cli.err()).isZero();
    assertThat(run.resolve("model-torch.safetensors")).isNotEmptyFile();
    assertThat(cli.out()).contains("wrote " + run.resolve("model-torch.safetensors").toAbsolutePath()
        + ": the state dict of pytorch/examples' VAE(784, 16, 2)");
  }

  @Test
  void aStateDictOfOtherSizesIsRefusedBeforeTheRunFolderExists() {
    Path run = dir.resolve("run");
    int code = cli.run("train", "vae", "--init-from", TORCH.toString(), "--epochs", "1", "--out", run.toString());
    assertThat(code).as(cli.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).startsWith("vae4j: --init-from " + TORCH + ": ")
        .contains("parameter 'encoder.1.weight' is FLOAT32 (16, 784) in the checkpoint but FLOAT32 (400, 784) in "
            + "the model")
        .endsWith("give a state dict of this model (its --latent and --hidden as trained) or its name rules with "
            + "--init-names" + System.lineSeparator())
        .hasLineCount(1);
    assertThat(run).doesNotExist();
  }

  @Test
  void modelOptionsAreForBareCheckpointsOnlyAndFormatsAreChecked() throws Exception {
    Path run = dir.resolve("run");
    assertThat(cli.run("train", "vae", "--hidden", "16", "--latent", "2", "--epochs", "1", "--limit", "50",
        "--ll-images", "0", "--out", run.toString())).as(cli.err()).isZero();
    assertThat(cli.run(args(new String[] {"export", "--run", run.toString()}, SMALL))).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).isEqualTo("vae4j: --run " + run + ": run.json lies beside the checkpoint and says what the "
        + "model is; leave out --model and the other model options" + System.lineSeparator());
    assertThat(cli.run("export", "--run", run.toString(), "--format", "onnx")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).isEqualTo("vae4j: --format onnx: give torch" + System.lineSeparator());
    Path taken = Files.writeString(dir.resolve("taken.safetensors"), "x");
    assertThat(cli.run("export", "--run", run.toString(), "--out", taken.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(taken).hasContent("x");
  }
}
