package org.vae4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir
  Path dir;

  @Test
  void readsPlainAndGzipImagesAlikeWhateverTheFileName() {
    byte[] raw = IdxFiles.patternImages(3, 2, 5);
    Path plainNamedGz = IdxFiles.write(dir.resolve("plain.gz"), raw);
    Path gzNamedPlain = IdxFiles.write(dir.resolve("compressed-idx3-ubyte"), IdxFiles.gzip(raw));

    IdxImages plain = IdxReader.readImages(plainNamedGz);
    IdxImages gz = IdxReader.readImages(gzNamedPlain);

    assertThat(plain.count()).isEqualTo(3);
    assertThat(plain.rows()).isEqualTo(2);
    assertThat(plain.cols()).isEqualTo(5);
    assertThat(plain.pixels()).containsExactly(Arrays.copyOfRange(raw, 16, raw.length));
    assertThat(gz.pixels()).containsExactly(plain.pixels());
    assertThat(gz.source()).isEqualTo(gzNamedPlain.toString());
  }

  @Test
  void readsLabelsAsUnsignedBytes() {
    Path plain = IdxFiles.write(dir.resolve("labels"), IdxFiles.labels(0, 9, 200, 255));
    Path gz = IdxFiles.write(dir.resolve("labels.gz"), IdxFiles.gzip(IdxFiles.labels(0, 9, 200, 255)));

    assertThat(IdxReader.readLabels(plain).labels()).containsExactly(0, 9, 200, 255);
    assertThat(IdxReader.readLabels(gz).labels()).containsExactly(0, 9, 200, 255);
  }

  @Test
  void readsAnEmptyFileOfZeroImages() {
    Path f = IdxFiles.write(dir.resolve("none"), IdxFiles.images(0, 28, 28, new byte[0]));
    assertThat(IdxReader.readImages(f).count()).isZero();
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("train-images-idx3-ubyte.gz");
    assertThatThrownBy(() -> IdxReader.readImages(missing)).isInstanceOf(DatasetException.class)
        .hasMessage("IDX file " + missing + " not found; check the path");
  }

  @Test
  void directoryInsteadOfFileIsRefused() {
    assertThatThrownBy(() -> IdxReader.readLabels(dir)).isInstanceOf(DatasetException.class)
        .hasMessageStartingWith(dir + " is a directory, expected an IDX file");
  }

  @Test
  void labelFileReadAsImagesNamesBothMagicNumbers() {
    Path f = IdxFiles.write(dir.resolve("labels.gz"), IdxFiles.gzip(IdxFiles.labels(1, 2)));
    assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DatasetException.class)
        .hasMessage(f + ": magic number 0x00000801 (a label file), expected 0x00000803 for IDX images; "
            + "give an MNIST-layout images file");
  }

  @Test
  void foreignFileShowsItsMagicNumber() {
    Path f = IdxFiles.write(dir.resolve("picture.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    assertThatThrownBy(() -> IdxReader.readLabels(f)).isInstanceOf(DatasetException.class)
        .hasMessage(f + ": magic number 0x89504E47, expected 0x00000801 for IDX labels; "
            + "give an MNIST-layout labels file");
  }

  @Test
  void truncatedPlainDataSaysHowManyBytesWereThere() {
    byte[] full = IdxFiles.patternImages(3, 2, 2);
    Path f = IdxFiles.write(dir.resolve("short"), Arrays.copyOf(full, 16 + 7));
    assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DatasetException.class)
        .hasMessage(f + ": the header announces 3 images of 2x2 (12 bytes) but the file holds 7 bytes after its "
            + "16-byte header; the file is damaged or incomplete, download it again");
    assertThatThrownBy(() -> IdxReader.readImages(() -> java.nio.file.Files.newInputStream(f), "stream"))
        .isInstanceOf(DatasetException.class)
        .hasMessage("stream: truncated image data: expected 12 bytes, found 7; the file is incomplete, "
            + "download it again");
  }

  @Test
  void truncatedGzipStreamIsReportedAsTruncated() {
    byte[] gz = IdxFiles.gzip(IdxFiles.patternImages(200, 28, 28));
    Path f = IdxFiles.write(dir.resolve("short.gz"), Arrays.copyOf(gz, gz.length / 2));
    assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DatasetException.class)
        .hasMessageStartingWith(f + ": truncated image data: expected 156800 bytes, found ")
        .hasMessageEndingWith("; the file is incomplete, download it again");
  }

  @Test
  void truncatedHeaderIsReported() {
    Path f = IdxFiles.write(dir.resolve("stub"), new byte[] {0, 0});
    assertThatThrownBy(() -> IdxReader.readLabels(f)).isInstanceOf(DatasetException.class)
        .hasMessageStartingWith(f + ": truncated magic number: expected 4 bytes, found 2");
    Path labels = IdxFiles.write(dir.resolve("labels-short"), IdxFiles.labels(1, 2, 3, 4));
    Path cut = IdxFiles.write(dir.resolve("cut"), Arrays.copyOf(IdxFiles.labels(1, 2, 3, 4), 10));
    assertThat(IdxReader.readLabels(labels).count()).isEqualTo(4);
    assertThatThrownBy(() -> IdxReader.readLabels(cut)).hasMessageStartingWith(
        cut + ": the header announces 4 labels (4 bytes) but the file holds 2 bytes after its 8-byte header");
  }

  @Test
  void negativeSizeIsRefused() {
    byte[] header = ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(5).putInt(-28).putInt(28)
        .array();
    Path f = IdxFiles.write(dir.resolve("bad"), header);
    assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DatasetException.class)
        .hasMessage(f + ": size of dimension 1 is -28, must be >= 0; the file is damaged, download it again");
  }

  @Test
  void gzipWithWrongChecksumIsReportedAsDamaged() {
    byte[] gz = IdxFiles.gzip(IdxFiles.patternImages(10, 4, 4));
    gz[gz.length - 8] ^= 0x5a;
    Path f = IdxFiles.write(dir.resolve("damaged.gz"), gz);
    assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DatasetException.class)
        .hasMessage(f + ": cannot read: Corrupt GZIP trailer; the file is damaged or unreadable, check it or "
            + "download it again");
  }

  @Test
  void aLabelHeaderClaiming2To31EntriesIsRefusedByTheFileSizeBeforeAnythingIsAllocated() {
    byte[] header = ByteBuffer.allocate(8 + 3).putInt(IdxReader.LABELS_MAGIC).putInt(Integer.MAX_VALUE)
        .put(new byte[] {1, 2, 3}).array();
    Path f = IdxFiles.write(dir.resolve("labels"), header);
    assertThatThrownBy(() -> IdxReader.readLabels(f)).isInstanceOf(DatasetException.class)
        .hasMessage(f + ": the header announces 2147483647 labels (2147483647 bytes) but the file holds 3 bytes "
            + "after its 8-byte header; the file is damaged or incomplete, download it again");
  }

  @Test
  void anImageHeaderClaimingAGigabyteIsRefusedByTheFileSize() {
    byte[] header = ByteBuffer.allocate(16 + 4).putInt(IdxReader.IMAGES_MAGIC).putInt(1000).putInt(1000)
        .putInt(1000).array();
    Path f = IdxFiles.write(dir.resolve("images"), header);
    assertThatThrownBy(() -> IdxReader.readImages(f)).isInstanceOf(DatasetException.class)
        .hasMessage(f + ": the header announces 1000 images of 1000x1000 (1000000000 bytes) but the file holds "
            + "4 bytes after its 16-byte header; the file is damaged or incomplete, download it again");
  }

  @Test
  void aGzipStreamClaiming2To31LabelsCostsOnlyWhatItHolds() {
    byte[] raw = ByteBuffer.allocate(8 + 5).putInt(IdxReader.LABELS_MAGIC).putInt(Integer.MAX_VALUE)
        .put(new byte[] {1, 2, 3, 4, 5}).array();
    Path f = IdxFiles.write(dir.resolve("labels.gz"), IdxFiles.gzip(raw));
    // without a bounded read this allocates 2 GiB at once and fails with OutOfMemoryError under -Xmx4g
    // (a byte[Integer.MAX_VALUE] exceeds the VM's array limit)
    assertThatThrownBy(() -> IdxReader.readLabels(f)).isInstanceOf(DatasetException.class)
        .hasMessage(f + ": truncated label data: expected 2147483647 bytes, found 5; the file is incomplete, "
            + "download it again");
  }
}
