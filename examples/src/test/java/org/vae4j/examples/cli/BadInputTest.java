package org.vae4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input to {@code vae4j train} prints one line {@code vae4j: ...} that names the problem,
 * exits with {@link ExitCodes#USAGE}, and leaves no run folder behind (nor touches an existing one).
 */
class BadInputTest {
  @TempDir
  Path dir;

  private final Cli cli = new Cli();

  private void assertRejected(String expectedStart, String... args) {
    int code = cli.run(args);
    assertThat(code).as(cli.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).startsWith("vae4j: " + expectedStart).hasLineCount(1);
  }

  private String[] train(String... more) {
    return Stream.concat(Stream.of("train", "vae", "--epochs", "1", "--limit", "20"), Stream.of(more))
        .toArray(String[]::new);
  }

  @Test
  void unknownBackend() {
    Path out = dir.resolve("run");
    assertRejected("backend 'nosuch' is not on the class path. Found: ",
        train("--backend", "nosuch", "--out", out.toString()));
    assertThat(cli.err()).contains("pure (priority");
    assertThat(out).doesNotExist();
  }

  @Test
  void unknownModel() {
    assertRejected("unknown model 'gan': give one of bnn, convvae, cvae, gated-pixelcnn, pixelcnn, pixelrnn, vae, vqvae", "train", "gan");
  }

  @Test
  void pixelCnnWithoutItsVqVae() throws IOException {
    assertRejected("train pixelcnn needs --vqvae <run folder of a trained vqvae>", "train", "pixelcnn",
        "--out", dir.resolve("p").toString());
    assertThat(dir.resolve("p")).doesNotExist();
    assertRejected("--vqvae " + dir.resolve("none") + " does not exist", "train", "pixelcnn", "--vqvae",
        dir.resolve("none").toString(), "--out", dir.resolve("p").toString());
  }

  @Test
  void missingDataDirectory() {
    Path out = dir.resolve("run");
    assertRejected("data '" + dir.resolve("nowhere") + "': no such directory",
        train("--data", dir.resolve("nowhere").toString(), "--out", out.toString()));
    assertThat(out).doesNotExist();
  }

  @Test
  void corruptIdxFile() throws IOException {
    Path data = Files.createDirectory(dir.resolve("idx"));
    byte[] images = ByteBuffer.allocate(16 + 4 * 4).putInt(0x0803).putInt(4).putInt(2).putInt(2).array();
    byte[] labels = ByteBuffer.allocate(8 + 4).putInt(0x0801).putInt(4).array();
    Files.write(data.resolve("train-images-idx3-ubyte"), images);
    Files.write(data.resolve("train-labels-idx1-ubyte"), labels);
    Files.write(data.resolve("t10k-images-idx3-ubyte"), images);
    // a label file where the test images should be: the magic number tells
    Files.write(data.resolve("t10k-labels-idx1-ubyte"), images);
    Path out = dir.resolve("run");
    assertRejected(data.resolve("t10k-labels-idx1-ubyte") + ": magic number 0x00000803 (an image file), "
        + "expected 0x00000801", train("--data", data.toString(), "--out", out.toString()));
    assertThat(out).doesNotExist();

    Files.write(data.resolve("t10k-labels-idx1-ubyte"), ByteBuffer.allocate(8 + 2).putInt(0x0801).putInt(4).array());
    assertRejected(data.resolve("t10k-labels-idx1-ubyte") + ": the header announces 4 labels (4 bytes) but the "
        + "file holds 2 bytes after its 8-byte header",
        train("--data", data.toString(), "--out", out.toString()));
  }

  @Test
  void outThatIsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("taken.txt"), "keep me");
    assertRejected("--out " + file + " is a file", train("--out", file.toString()));
    assertThat(file).hasContent("keep me");
  }

  @Test
  void anExistingRunFolderIsNeverOverwritten() throws IOException {
    Path run = Files.createDirectory(dir.resolve("old-run"));
    Files.writeString(run.resolve("metrics.csv"), "epoch\n1\n");
    assertRejected("--out " + run + " already holds 1 entry", train("--out", run.toString()));
    try (Stream<Path> files = Files.list(run)) {
      assertThat(files).containsExactly(run.resolve("metrics.csv"));
    }
    assertThat(run.resolve("metrics.csv")).hasContent("epoch\n1\n");
  }

  @Test
  void resumeFromACorruptCheckpoint() throws IOException {
    Path old = Files.createDirectory(dir.resolve("old"));
    Files.writeString(old.resolve("model.safetensors"), "not a safetensors file", StandardCharsets.UTF_8);
    Files.writeString(old.resolve("run.json"), "{}");
    Path out = dir.resolve("run");
    assertRejected("--resume " + old + ": the checkpoint " + old.resolve("model.safetensors")
        + " is damaged or not a vae4j checkpoint", train("--resume", old.toString(), "--out", out.toString()));
    assertThat(out).doesNotExist();
    assertThat(old.resolve("model.safetensors")).hasContent("not a safetensors file");
  }

  @Test
  void resumeFromAFolderWithoutCheckpoint() throws IOException {
    Path old = Files.createDirectory(dir.resolve("empty"));
    assertRejected("--resume " + old + " holds no model.safetensors", train("--resume", old.toString()));
  }

  @Test
  void aNegativeLogLikelihoodImageCount() {
    assertRejected("Invalid value for option '--ll-images': -7 is negative; give a whole number >= 0 (see 'vae4j"
        + " train --help')", train("--ll-images", "-7", "--out", dir.resolve("run").toString()));
    assertThat(dir.resolve("run")).doesNotExist();
  }

  @Test
  void aDeviceTheBackendDoesNotHave() {
    Path out = dir.resolve("run");
    assertRejected("device gpu:0: backend 'pure' has only the devices [cpu]; give one of them, or a backend that"
        + " has gpu:0 (see Backends.describe(), or 'vae4j backends')", train("--backend", "pure", "--device", "gpu", "--out", out.toString()));
    assertThat(out).doesNotExist();
  }

  @Test
  void aModelTooLargeToBuild() {
    Path out = dir.resolve("run");
    assertRejected("model vae 784-2147483647-20 cannot be built: shape (2147483647, 784) has 1683627179248 elements,"
        + " more than one Java array holds; give smaller --hidden or --latent",
        train("--backend", "pure", "--hidden", "2147483647", "--out", out.toString()));
    assertThat(out).doesNotExist();
  }

  @Test
  void aLearningRateThatOverflowsStopsBeforeAnythingNonFiniteIsWritten() {
    // the repro, with a smaller hidden layer: the one step of epoch 1 overflows every weight
    Path out = dir.resolve("X");
    assertRejected("training stopped after step 1, at the end of epoch 1 of 3: the evaluation loss on the test set"
        + " is NaN. No checkpoint was written in this run; the run folder " + out + " was removed. Lower --lr (it"
        + " is 1e+308) or clip the gradients with --clip-grad-norm (e.g. 1.0)", "train", "vae", "--backend", "pure",
        "--limit", "500", "--batch", "500", "--hidden", "32", "--epochs", "3", "--lr", "1e308", "--ll-images", "0",
        "--out", out.toString());
    assertThat(out).as("a run that failed before its first checkpoint").doesNotExist();
  }

  @Test
  void aLossThatOverflowsNamesTheStepAndTheOptionsThatHelp() throws IOException {
    Path out = Files.createDirectory(dir.resolve("given"));
    assertRejected("training stopped at step 2 (epoch 1 of 2, batch 2 of 4): the loss is Infinity. No checkpoint was"
        + " written in this run; the run folder " + out + " was emptied. Lower --lr (it is 3), clip the gradients"
        + " with --clip-grad-norm (e.g. 1.0) or skip such steps with --skip-non-finite", "train", "vae", "--backend",
        "pure", "--limit", "200", "--batch", "50", "--hidden", "32", "--epochs", "2", "--lr", "3", "--ll-images", "0",
        "--out", out.toString());
    assertThat(out).as("the empty folder given, as it was").isEmptyDirectory();
  }

  @Test
  void useOfARunThatDoesNotExist() {
    Path missing = dir.resolve("missing");
    for (String command : List.of("sample", "reconstruct", "encode")) {
      assertRejected("--run " + missing + " does not exist", command, "--run", missing.toString(), "--out",
          dir.resolve("x").toString());
    }
  }
}
