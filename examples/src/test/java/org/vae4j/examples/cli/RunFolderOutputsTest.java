package org.vae4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sample}, {@code reconstruct} and {@code encode} write into the run folder by default, with a seed other
 * than training's; {@code encode} writes log-variances and NumPy's {@code .npz}.
 */
class RunFolderOutputsTest {
  @TempDir
  static Path dir;

  private static Path run;
  private final Cli cli = new Cli();

  @BeforeAll
  static void train() {
    run = dir.resolve("run");
    Cli cli = new Cli();
    int code = cli.run("train", "vae", "--epochs", "1", "--limit", "100", "--latent", "2", "--hidden", "32",
        "--seed", "5", "--ll-images", "0", "--out", run.toString());
    assertThat(code).as(cli.err()).isZero();
  }

  @Test
  void sampleAndReconstructWriteIntoTheRunFolderWithTheRunsSeedPlusOne() throws IOException {
    assertThat(cli.run("sample", "--run", run.toString(), "--count", "10")).as(cli.err()).isZero();
    Path samples = run.resolve("samples-seed6.png");
    assertThat(cli.out()).isEqualTo("wrote 10 samples to " + samples.toAbsolutePath() + System.lineSeparator());
    assertThat(ImageIO.read(samples.toFile()).getWidth()).isGreaterThan(10 * 84);
    assertThat(cli.run("sample", "--run", run.toString(), "--count", "10")).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).startsWith("vae4j: --out " + samples.toAbsolutePath() + " exists already");
    assertThat(cli.run("sample", "--run", run.toString(), "--count", "10", "--seed", "5")).isZero();
    assertThat(run.resolve("samples-seed5.png")).isNotEmptyFile();

    assertThat(cli.run("reconstruct", "--run", run.toString(), "--count", "20")).as(cli.err()).isZero();
    assertThat(run.resolve("reconstructions-first20.png")).isNotEmptyFile();
  }

  @Test
  void encodeWritesMeansAndLogVariancesAsCsvOrNpz() throws IOException {
    assertThat(cli.run("encode", "--run", run.toString(), "--log-variance")).as(cli.err()).isZero();
    List<String> csv = Files.readAllLines(run.resolve("latents-test.csv"));
    assertThat(csv.get(0)).isEqualTo("index,label,z0,z1,logvar0,logvar1");
    assertThat(csv).hasSize(101);

    assertThat(cli.run("encode", "--run", run.toString(), "--format", "npz", "--log-variance", "--part", "train"))
        .as(cli.err()).isZero();
    Map<String, byte[]> npz = entries(run.resolve("latents-train.npz"));
    assertThat(npz.keySet()).containsExactly("index.npy", "label.npy", "mean.npy", "log_variance.npy");
    String header = npyHeader(npz.get("log_variance.npy"));
    assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (100, 2), }");
    assertThat(npyHeader(npz.get("label.npy"))).startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (100,), }");
    // the same first log-variance as the CSV of the test part is not expected (other images); check it is finite
    ByteBuffer data = ByteBuffer.wrap(npz.get("log_variance.npy")).order(ByteOrder.LITTLE_ENDIAN);
    int offset = 10 + Short.toUnsignedInt(data.getShort(8));
    assertThat((10 + header.length()) % 64).isZero();
    assertThat(Float.isFinite(data.getFloat(offset))).isTrue();
    assertThat(data.capacity() - offset).isEqualTo(100 * 2 * 4);
  }

  private static Map<String, byte[]> entries(Path file) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        out.put(e.getName(), zip.readAllBytes());
      }
    }
    return out;
  }

  private static String npyHeader(byte[] npy) {
    assertThat(npy[0]).isEqualTo((byte) 0x93);
    assertThat(new String(npy, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
    int length = Short.toUnsignedInt(ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN).getShort(8));
    return new String(npy, 10, length, StandardCharsets.US_ASCII);
  }
}
