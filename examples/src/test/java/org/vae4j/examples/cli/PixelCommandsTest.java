package org.vae4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.core.data.IdxReader;
import org.vae4j.examples.run.RunSummary;
import org.vae4j.examples.train.RunConfig;

/**
 * The pixel models on the command line, on the pure backend with tiny networks and a few dozen digits: the run
 * folder of {@code train gated-pixelcnn} and {@code train pixelrnn} (binary and grey levels), resuming,
 * {@code sample}, {@code complete}, {@code compare}, and one clear line with exit code 2 for each bad input.
 */
class PixelCommandsTest {
  private static final List<String> EVERY_RUN = List.of("metrics.csv", "summary.json", "run.json",
      "model.safetensors", "samples.png", "completions.png", "loss.png");

  @TempDir
  static Path shared;
  private static Path gated;
  private static Path rnn;
  private static Path vae;

  @TempDir
  Path dir;

  private final Cli cli = new Cli();

  private static Path train(String name, String... args) {
    Path out = shared.resolve(name);
    Cli c = new Cli();
    String[] all = new String[args.length + 8];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(new String[] {"--backend", "pure", "--limit", "40", "--batch", "20", "--out", out.toString()}, 0,
        all, args.length, 8);
    assertThat(c.run(all)).as(c.err()).isZero();
    return out;
  }

  @BeforeAll
  static void trainOnce() {
    gated = train("gated", "train", "gated-pixelcnn", "--binarize", "--epochs", "1", "--set", "channels=4", "--set",
        "layers=2", "--set", "kernel=3", "--set", "conditional=true");
    rnn = train("rnn", "train", "pixelrnn", "--epochs", "1", "--set", "hidden=2", "--set", "layers=1", "--set",
        "arch=row");
    vae = train("vae", "train", "vae", "--binarize", "--epochs", "1", "--hidden", "16", "--latent", "2",
        "--ll-images", "0");
  }

  @Test
  void aPixelRunFolderHoldsEveryFileAndTheExactLikelihood() throws IOException {
    for (Path run : List.of(gated, rnn)) {
      for (String name : EVERY_RUN) {
        assertThat(run.resolve(name)).isNotEmptyFile();
      }
    }
    RunConfig config = RunConfig.read(gated, "test");
    assertThat(config.batch()).isEqualTo(20);
    assertThat(config.spec().options()).containsEntry("levels", "2").containsEntry("channels", "4")
        .containsEntry("conditional", "true").containsEntry("kernel", "3").containsEntry("layers", "2");
    assertThat(RunConfig.read(rnn, "test").spec().options()).containsEntry("levels", "256")
        .containsEntry("arch", "row").containsEntry("hidden", "2");
    RunSummary s = RunSummary.read(gated.resolve("summary.json"));
    assertThat(s.model()).isEqualTo("gated-pixelcnn 28x28 channels=4 conditional=true kernel=3 layers=2 levels=2");
    assertThat(s.testLogLikelihood()).as("the exact log-likelihood is minus the test loss")
        .isCloseTo(-s.finalTestLoss(), org.assertj.core.api.Assertions.within(1e-3 * s.finalTestLoss()));
    RunSummary grey = RunSummary.read(rnn.resolve("summary.json"));
    assertThat(grey.finalTestLoss() / 784).as("nats per grey-level pixel, below uniform over 256")
        .isLessThan(Math.log(256));
    var completions = ImageIO.read(gated.resolve("completions.png").toFile());
    assertThat(completions.getWidth()).as("given, 5 completions and the image per row")
        .isGreaterThanOrEqualTo(7 * 84 + 8 * 2);
  }

  @Test
  void resumeSampleAndCompleteUseTheRun() throws IOException {
    Path resumed = dir.resolve("resumed");
    assertThat(cli.run("train", "gated-pixelcnn", "--resume", gated.toString(), "--epochs", "2", "--backend", "pure",
        "--out", resumed.toString())).as(cli.err()).isZero();
    assertThat(Files.readAllLines(resumed.resolve("metrics.csv"))).hasSize(3);

    Path samples = dir.resolve("samples.png");
    assertThat(cli.run("sample", "--run", rnn.toString(), "--count", "3", "--backend", "pure", "--out",
        samples.toString())).as(cli.err()).isZero();
    assertThat(ImageIO.read(samples.toFile()).getWidth()).as("ten to a row, with labels").isGreaterThan(10 * 84 + 11 * 2);

    Path completed = dir.resolve("completed.png");
    assertThat(cli.run("complete", "--run", gated.toString(), "--count", "2", "--samples", "3", "--rows", "20",
        "--backend", "pure", "--out", completed.toString())).as(cli.err()).isZero();
    assertThat(cli.out()).contains("wrote 3 completions of each of 2 test images to");
    assertThat(ImageIO.read(completed.toFile()).getHeight()).as("two rows, title and caption")
        .isGreaterThan(2 * 84 + 3 * 2);
  }

  @Test
  void compareWritesBothTablesIntoANewRunFolder() throws IOException {
    Path out = dir.resolve("cmp");
    assertThat(cli.run("compare", gated.toString(), rnn.toString(), vae.toString(), "--images", "20", "--k", "10",
        "--backend", "pure", "--out", out.toString())).as(cli.err()).isZero();
    String md = Files.readString(out.resolve("comparison.md"));
    assertThat(md).contains("first 20 test digits of mnist-10k")
        .contains("| vae 784-16-2 | negative ELBO (1 sample) |")
        .contains("| vae 784-16-2 | -log p(x), importance sampled, k = 10 |")
        .contains("gated-pixelcnn 28x28 channels=4").contains("81.30 (PixelCNN")
        .contains("| pixelrnn 28x28 arch=row hidden=2 layers=1 levels=256 | -log p(x), exact |");
    assertThat(out.resolve("comparison.json")).isNotEmptyFile();
    assertThat(cli.out()).contains("256 grey levels").contains("wrote comparison.md and comparison.json");
  }

  @Test
  void badInputIsOneLineWithExitCodeTwo() {
    expectUsageError("pixelrnn: --set levels=256 asks for 256-way output, but --binarize makes the images binary",
        "train", "pixelrnn", "--binarize", "--set", "levels=256", "--limit", "10", "--out", dir.resolve("a").toString());
    expectUsageError("gated-pixelcnn has no option 'depth'; its options are channels, conditional, kernel, layers,"
        + " levels", "train", "gated-pixelcnn", "--set", "depth=3", "--limit", "10");
    expectUsageError("model vae takes no --set options", "train", "vae", "--set", "levels=2", "--limit", "10");
    expectUsageError("--rows 28 is outside 1..27 for 28-row images", "complete", "--run", gated.toString(), "--rows",
        "28", "--backend", "pure", "--out", dir.resolve("c.png").toString());
    expectUsageError("is a vae run; complete needs the run of a gated-pixelcnn or pixelrnn", "complete", "--run",
        vae.toString(), "--backend", "pure", "--out", dir.resolve("d.png").toString());
    expectUsageError("gated-pixelcnn has no latent code to reconstruct from", "reconstruct", "--run", gated.toString(),
        "--backend", "pure", "--out", dir.resolve("e.png").toString());
    assertThat(dir.resolve("a")).doesNotExist();
    assertThat(dir.resolve("c.png")).doesNotExist();
  }

  @Test
  void imagesOfAnotherSizeThanTheRunsAreRefused() throws IOException {
    Path data = Files.createDirectories(dir.resolve("small"));
    for (String part : List.of("train", "t10k")) {
      Files.write(data.resolve(part + "-images-idx3-ubyte"), ByteBuffer.allocate(16 + 3 * 14 * 14)
          .putInt(IdxReader.IMAGES_MAGIC).putInt(3).putInt(14).putInt(14).array());
      Files.write(data.resolve(part + "-labels-idx1-ubyte"), ByteBuffer.allocate(8 + 3)
          .putInt(IdxReader.LABELS_MAGIC).putInt(3).array());
    }
    expectUsageError("holds 14x14 images, but the run's model was trained on 28x28; give images of that size",
        "complete", "--run", gated.toString(), "--data", data.toString(), "--backend", "pure", "--out",
        dir.resolve("f.png").toString());
    assertThat(dir.resolve("f.png")).doesNotExist();
  }

  @Test
  void compareRefusesRunsItCannotScoreAndLeavesNoFolder() throws IOException {
    Path grey = train("vae-grey", "train", "vae", "--epochs", "1", "--hidden", "8", "--latent", "2", "--ll-images",
        "0");
    Path out = dir.resolve("cmp");
    expectUsageError("trained on grey levels, which has no likelihood over 256 levels to compare; train it with"
        + " --binarize", "compare", grey.toString(), "--images", "5", "--backend", "pure", "--out", out.toString());
    assertThat(out).doesNotExist();
  }

  private void expectUsageError(String message, String... args) {
    int code = cli.run(args);
    assertThat(code).as("exit code of %s (stderr: %s)", String.join(" ", args), cli.err()).isEqualTo(2);
    assertThat(cli.err()).contains(message);
    assertThat(cli.err().strip().lines().count()).as("one line: %s", cli.err()).isEqualTo(1);
  }
}
