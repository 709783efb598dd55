package org.vae4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.core.data.IdxFiles;
import org.vae4j.core.data.IdxReader;

/**
 * IDX data that is well formed but unusable, or whose header lies about its size: {@code vae4j train} prints
 * one line naming the file and exits 2, leaving no run folder (issue 15, item 8).
 */
class IdxDataBadInputTest {
  @TempDir
  Path dir;

  private final Cli cli = new Cli();

  /** An MNIST-layout folder of 4 training and 4 test images of 2x2, with {@code trainImages} as training images. */
  private Path dataWith(byte[] trainImages, byte[] trainLabels) throws IOException {
    Path data = Files.createDirectory(dir.resolve("idx"));
    Files.write(data.resolve("train-images-idx3-ubyte"), trainImages);
    Files.write(data.resolve("train-labels-idx1-ubyte"), trainLabels);
    Files.write(data.resolve("t10k-images-idx3-ubyte"), IdxFiles.patternImages(4, 2, 2));
    Files.write(data.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(0, 1, 0, 1));
    return data;
  }

  private void assertRejected(Path data, String expected) {
    Path out = dir.resolve("run");
    int code = cli.run("train", "vae", "--epochs", "1", "--data", data.toString(), "--out", out.toString());
    assertThat(code).as(cli.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.err()).isEqualTo("vae4j: " + expected + System.lineSeparator());
    assertThat(out).doesNotExist();
  }

  @Test
  void zeroImages() throws IOException {
    Path data = dataWith(IdxFiles.images(0, 2, 2, new byte[0]), IdxFiles.labels());
    assertRejected(data, data.resolve("train-images-idx3-ubyte") + " holds 0 images; a data set needs at least "
        + "one image in each part, give a complete IDX image file");
  }

  @Test
  void zeroByZeroImages() throws IOException {
    Path data = dataWith(IdxFiles.images(4, 0, 0, new byte[0]), IdxFiles.labels(0, 1, 0, 1));
    assertRejected(data, data.resolve("train-images-idx3-ubyte") + " holds images of 0x0 pixels; images need at "
        + "least 1x1 pixels, give an MNIST-layout image file");
  }

  @Test
  void aLabelHeaderClaiming2To31Labels() throws IOException {
    byte[] lying = ByteBuffer.allocate(8 + 4).putInt(IdxReader.LABELS_MAGIC).putInt(Integer.MAX_VALUE)
        .put(new byte[] {0, 1, 0, 1}).array();
    Path data = dataWith(IdxFiles.patternImages(4, 2, 2), lying);
    assertRejected(data, data.resolve("train-labels-idx1-ubyte") + ": the header announces 2147483647 labels "
        + "(2147483647 bytes) but the file holds 4 bytes after its 8-byte header; the file is damaged or "
        + "incomplete, download it again");
  }
}
