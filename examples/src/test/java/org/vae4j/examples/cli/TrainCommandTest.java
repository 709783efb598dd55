package org.vae4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vae4j.examples.run.MetricsCsv;
import org.vae4j.examples.run.RunSummary;
import org.vae4j.examples.train.RunConfig;

/**
 * {@code vae4j train} end to end on the pure backend, on slices of the embedded MNIST subset so that each run
 * takes seconds: the files of a run folder, the 2-D latent pictures, resuming, and the commands that use a
 * trained run.
 */
class TrainCommandTest {
  private static final List<String> EVERY_RUN = List.of("metrics.csv", "summary.json", "run.json",
      "model.safetensors", "reconstructions.png", "samples.png", "interpolation.png", "loss.png");

  @TempDir
  static Path shared;
  private static Path trained;

  @TempDir
  Path dir;

  private final Cli cli = new Cli();

  private static RunSummary pureReference;

  @BeforeAll
  static void trainOnce() {
    Path pure = shared.resolve("pure-100");
    Cli reference = new Cli();
    assertThat(reference.run("train", "vae", "--backend", "pure", "--epochs", "1", "--limit", "100", "--batch", "50",
        "--hidden", "32", "--latent", "2", "--ll-images", "0", "--out", pure.toString())).as(reference.err()).isZero();
    pureReference = RunSummary.read(pure.resolve("summary.json"));

    trained = shared.resolve("vae");
    Cli c = new Cli();
    int code = c.run("train", "vae", "--backend", "pure", "--epochs", "1", "--limit", "200", "--batch", "50",
        "--hidden", "64", "--latent", "2", "--out", trained.toString());
    assertThat(code).as(c.err()).isZero();
  }

  @Test
  void aRunFolderHoldsEveryFileWithSensibleFigures() throws IOException {
    for (String name : EVERY_RUN) {
      assertThat(trained.resolve(name)).isNotEmptyFile();
    }
    List<String> rows = Files.readAllLines(trained.resolve("metrics.csv"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).isEqualTo(MetricsCsv.HEADER);
    assertThat(rows.get(1)).startsWith("1,");

    RunSummary s = RunSummary.read(trained.resolve("summary.json"));
    assertThat(s.backend()).isEqualTo("pure");
    assertThat(s.device()).isEqualTo("cpu");
    assertThat(s.model()).isEqualTo("vae 784-64-2");
    assertThat(s.data()).isEqualTo("mnist-10k");
    assertThat(s.epochs()).isEqualTo(1);
    // a VAE that has seen 200 digits once is far from good, but well below the 543 nats of p = 0.5 per pixel
    assertThat(s.finalTestLoss()).isBetween(100.0, 543.0);
    assertThat(s.testLogLikelihood()).isNotNull();
    // the importance-sampled estimate is at least as tight as the ELBO, up to its sampling noise
    assertThat(s.testLogLikelihood()).isBetween(-s.finalTestLoss() - 5, 0.0);
    assertThat(s.examplesPerSecond()).isPositive();
    assertThat(s.wallSeconds()).isPositive();
    assertThat(s.peakHeapBytes()).isPositive();

    RunConfig config = RunConfig.read(trained, "test");
    assertThat(config.spec().latent()).isEqualTo(2);
    assertThat(config.spec().hidden()).containsExactly(64);
    assertThat(config.spec().trainSize()).isEqualTo(200);
  }

  @Test
  void aTwoDimensionalLatentAddsTheManifoldAndTheScatter() throws IOException {
    var manifold = ImageIO.read(trained.resolve("manifold.png").toFile());
    // 20 x 20 cells of 28 pixels scaled twice with 1-pixel gaps, inside the margins of title, ticks and caption
    assertThat(manifold.getWidth()).isGreaterThan(20 * 28 * 2 + 21);
    assertThat(manifold.getHeight()).isGreaterThan(20 * 28 * 2 + 21);
    assertThat(trained.resolve("latent-scatter.png")).isNotEmptyFile();
    var reconstructions = ImageIO.read(trained.resolve("reconstructions.png").toFile());
    // 3 rows of inputs and 3 of reconstructions, 10 to a row, 28 pixels scaled 3 times, 2-pixel borders, with a
    // title above, row labels left and a caption below
    assertThat(reconstructions.getWidth()).isGreaterThan(10 * 84 + 11 * 2);
    assertThat(reconstructions.getHeight()).isGreaterThan(6 * 84 + 7 * 2 + 30);
  }

  @Test
  void resumingContinuesInANewFolderAndLeavesTheOldOneAlone() throws IOException {
    long before = Files.getLastModifiedTime(trained.resolve("model.safetensors")).toMillis();
    Path next = dir.resolve("more");
    int code = cli.run("train", "vae", "--backend", "pure", "--epochs", "2", "--resume", trained.toString(),
        "--out", next.toString());
    assertThat(code).as(cli.err()).isZero();
    // the new folder's metrics carry the resumed run's epoch before the one trained now
    List<String> rows = Files.readAllLines(next.resolve("metrics.csv"));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1)).isEqualTo(Files.readAllLines(trained.resolve("metrics.csv")).get(1));
    assertThat(rows.get(2)).startsWith("2,");
    assertThat(RunConfig.read(next, "test").spec()).isEqualTo(RunConfig.read(trained, "test").spec());
    assertThat(RunSummary.read(next.resolve("summary.json")).epochs()).isEqualTo(2);
    assertThat(Files.getLastModifiedTime(trained.resolve("model.safetensors")).toMillis()).isEqualTo(before);
  }

  @Test
  void sampleReconstructAndEncodeUseATrainedRun() throws IOException {
    Path samples = dir.resolve("s.png");
    assertThat(cli.run("sample", "--run", trained.toString(), "--count", "20", "--out", samples.toString()))
        .as(cli.err()).isZero();
    assertThat(ImageIO.read(samples.toFile()).getHeight()).isGreaterThan(2 * 84 + 3 * 2);

    Path recon = dir.resolve("r.png");
    assertThat(cli.run("reconstruct", "--run", trained.resolve("model.safetensors").toString(), "--count", "10",
        "--out", recon.toString())).as(cli.err()).isZero();
    assertThat(ImageIO.read(recon.toFile()).getHeight()).isGreaterThan(2 * 84 + 3 * 2);

    Path csv = dir.resolve("z.csv");
    assertThat(cli.run("encode", "--run", trained.toString(), "--out", csv.toString())).as(cli.err()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("index,label,z0,z1");
    assertThat(lines).hasSize(201);
    assertThat(lines.get(1).split(",")).hasSize(4);

    assertThat(cli.run("sample", "--run", trained.toString(), "--out", samples.toString())).isEqualTo(2);
    assertThat(cli.err()).startsWith("vae4j: --out " + samples + " exists already").hasLineCount(1);
  }

  @Test
  void aBayesianClassifierDrawsItsUncertainImages() throws IOException {
    Path out = dir.resolve("bnn");
    int code = cli.run("train", "bnn", "--backend", "pure", "--epochs", "1", "--limit", "100", "--batch", "50",
        "--hidden", "16", "--out", out.toString());
    assertThat(code).as(cli.err()).isZero();
    for (String name : List.of("metrics.csv", "summary.json", "run.json", "model.safetensors", "loss.png",
        "uncertainty.png")) {
      assertThat(out.resolve(name)).as(name).isNotEmptyFile();
    }
    RunSummary s = RunSummary.read(out.resolve("summary.json"));
    assertThat(s.model()).isEqualTo("bnn 784-16-10");
    // mean log predictive probability of the true label: below 0, above the log(1/10) of a constant guess
    // minus a margin for a network that has seen 100 images once
    assertThat(s.testLogLikelihood()).isBetween(-4.0, 0.0);
    assertThat(cli.run("sample", "--run", out.toString(), "--out", dir.resolve("s.png").toString())).isEqualTo(2);
    assertThat(cli.err()).contains("has no latent code");
  }

  @Test
  void aVqVaeAndThenItsPixelCnnPriorTrainAndDrawTheirPictures() throws IOException {
    Path vq = dir.resolve("vq");
    int code = cli.run("train", "vqvae", "--backend", "pure", "--epochs", "1", "--limit", "60", "--batch", "30",
        "--out", vq.toString());
    assertThat(code).as(cli.err()).isZero();
    for (String name : List.of("metrics.csv", "summary.json", "model.safetensors", "loss.png",
        "reconstructions.png")) {
      assertThat(vq.resolve(name)).as(name).isNotEmptyFile();
    }
    Path prior = dir.resolve("prior");
    code = cli.run("train", "pixelcnn", "--backend", "pure", "--vqvae", vq.toString(), "--epochs", "1", "--limit",
        "60", "--batch", "30", "--out", prior.toString());
    assertThat(code).as(cli.err()).isZero();
    for (String name : List.of("metrics.csv", "summary.json", "model.safetensors", "loss.png", "samples.png",
        "reconstructions.png")) {
      assertThat(prior.resolve(name)).as(name).isNotEmptyFile();
    }
    // nats per position of 64 codes: below the uniform prior's log 64 = 4.16 plus a margin for one short epoch
    assertThat(RunSummary.read(prior.resolve("summary.json")).finalTestLoss()).isBetween(0.0, 4.5);
    assertThat(ImageIO.read(prior.resolve("samples.png").toFile()).getHeight()).isGreaterThan(10 * 84 + 11 * 2);

    Path samples = dir.resolve("prior-samples.png");
    assertThat(cli.run("sample", "--run", prior.toString(), "--count", "10", "--out", samples.toString()))
        .as(cli.err()).isZero();
    assertThat(ImageIO.read(samples.toFile()).getHeight()).isGreaterThan(84 + 2 * 2);
    Path recon = dir.resolve("vq-recon.png");
    assertThat(cli.run("reconstruct", "--run", vq.toString(), "--count", "10", "--out", recon.toString()))
        .as(cli.err()).isZero();
    Path codes = dir.resolve("codes.csv");
    assertThat(cli.run("encode", "--run", vq.toString(), "--out", codes.toString())).as(cli.err()).isZero();
    List<String> lines = Files.readAllLines(codes);
    assertThat(lines.get(0)).startsWith("index,label,code0,code1,").endsWith(",code48");
    assertThat(lines).hasSize(61);
    for (String v : lines.get(1).split(",")) {
      assertThat(Integer.parseInt(v)).isBetween(0, 63);
    }
    assertThat(cli.run("sample", "--run", vq.toString(), "--out", dir.resolve("none.png").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).contains("a vqvae has no prior over its codes").hasLineCount(1);
  }

  @Test
  void backendsListsEveryBackendShipped() {
    assertThat(cli.run("backends")).isZero();
    assertThat(cli.out()).contains("pure", "nd4j", "djl", "cpu");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pure", "nd4j", "djl"})
  void everyBackendTrainsTheSameModelAndWritesTheSameFiles(String backend) throws IOException {
    Path out = dir.resolve(backend);
    int code = cli.run("train", "vae", "--backend", backend, "--epochs", "1", "--limit", "100", "--batch", "50",
        "--hidden", "32", "--latent", "2", "--ll-images", "10", "--out", out.toString());
    assertThat(code).as(cli.err()).isZero();
    for (String name : EVERY_RUN) {
      assertThat(out.resolve(name)).as(name).isNotEmptyFile();
    }
    assertThat(out.resolve("manifold.png")).isNotEmptyFile();
    RunSummary s = RunSummary.read(out.resolve("summary.json"));
    assertThat(s.backend()).isEqualTo(backend);
    // the same seed gives the same weights and noise on every backend: the losses agree to float precision
    assertThat(s.finalTestLoss()).isCloseTo(pureReference.finalTestLoss(), org.assertj.core.data.Offset.offset(0.05));
  }

  @Test
  void convolutionalAndConditionalModelsTrainToo() throws IOException {
    for (String model : List.of("convvae", "cvae")) {
      Path out = dir.resolve(model);
      int code = cli.run("train", model, "--backend", "pure", "--epochs", "1", "--limit", "40", "--batch", "20",
          "--hidden", "32", "--latent", "4", "--ll-images", "4", "--binarize", "--out", out.toString());
      assertThat(code).as(cli.err()).isZero();
      for (String name : EVERY_RUN) {
        assertThat(out.resolve(name)).as(model + " " + name).isNotEmptyFile();
      }
      try (Stream<Path> files = Files.list(out)) {
        assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("manifold.png");
      }
      assertThat(RunSummary.read(out.resolve("summary.json")).testLogLikelihood()).isNegative();
    }
  }
}
