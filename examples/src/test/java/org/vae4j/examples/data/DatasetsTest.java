package org.vae4j.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.core.data.DatasetException;
import org.vae4j.core.data.IdxFiles;
import org.vae4j.core.data.TrainTest;

class DatasetsTest {
  private static TrainTest embedded;

  @TempDir
  Path dir;

  @BeforeAll
  static void loadEmbedded() {
    embedded = new Datasets().load("mnist-10k", 28, 28);
  }

  @Test
  void embeddedSubsetHasTheCountsOfItsProvenance() {
    assertThat(embedded.name()).isEqualTo("mnist-10k");
    assertThat(embedded.train().size()).isEqualTo(9_000);
    assertThat(embedded.test().size()).isEqualTo(1_000);
    assertThat(embedded.train().rows()).isEqualTo(28);
    assertThat(embedded.train().cols()).isEqualTo(28);
    assertThat(embedded.train().numClasses()).isEqualTo(10);
    assertThat(embedded.train().classCounts()).containsExactly(902, 1011, 894, 924, 880, 772, 910, 974, 860, 873);
    assertThat(embedded.test().classCounts()).containsExactly(99, 116, 97, 108, 100, 91, 104, 96, 84, 105);
    assertThat(embedded.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  }

  @Test
  void embeddedImagesLookLikeDigits() {
    float[] first = embedded.test().image(0);
    double mean = 0;
    float max = 0;
    for (float v : first) {
      mean += v / first.length;
      max = Math.max(max, v);
    }
    // MNIST digits: white strokes on a mostly black background, full white somewhere
    assertThat(max).isEqualTo(1f);
    assertThat(mean).isBetween(0.03, 0.35);
    assertThat(first[0]).isZero();
  }

  @Test
  void directoryWithPlainAndGzipFilesLoads() {
    writeSet(dir, 6, 4, 3, 3, true);
    TrainTest t = new Datasets().load(dir.toString());
    assertThat(t.train().size()).isEqualTo(6);
    assertThat(t.test().size()).isEqualTo(4);
    assertThat(t.train().rows()).isEqualTo(3);
    assertThat(t.train().numClasses()).isEqualTo(3);
    assertThat(t.train().image(1)[0]).isEqualTo(7 / 255f);
    assertThat(t.classNames()).containsExactly("0", "1", "2");
  }

  @Test
  void fashionMnistComesFromItsFolderWithClassNames() {
    writeSet(dir, 20, 10, 2, 10, false);
    TrainTest t = new Datasets(dir).load("fashion-mnist");
    assertThat(t.train().size()).isEqualTo(20);
    assertThat(t.classNames()).hasSize(10).startsWith("T-shirt/top", "Trouser").endsWith("Ankle boot");
  }

  @Test
  void missingFashionMnistSaysWhichPackageToInstall() {
    Path absent = dir.resolve("fashion-mnist");
    assertThatThrownBy(() -> new Datasets(absent).load("fashion-mnist")).isInstanceOf(DatasetException.class)
        .hasMessage("data 'fashion-mnist': " + absent + " does not exist; install it with 'apt-get install "
            + "dataset-fashion-mnist' or give --data a directory of IDX files");
  }

  @Test
  void unknownNameOrMissingDirectoryListsTheChoices() {
    assertThatThrownBy(() -> new Datasets().load("mnist-60k")).isInstanceOf(DatasetException.class)
        .hasMessage("data 'mnist-60k': no such directory; give mnist-10k, fashion-mnist or a directory holding "
            + "train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz] and "
            + "t10k-labels-idx1-ubyte[.gz]");
  }

  @Test
  void fileInsteadOfDirectoryIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("data.txt"), "x");
    assertThatThrownBy(() -> new Datasets().load(file.toString())).isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("data '" + file + "': " + file + " is a file, not a directory");
  }

  @Test
  void directoryLackingFilesNamesThem() {
    writeSet(dir, 6, 4, 3, 3, true);
    IdxFiles.write(dir.resolve("x"), new byte[0]);
    dir.resolve("t10k-labels-idx1-ubyte.gz").toFile().delete();
    dir.resolve("train-labels-idx1-ubyte").toFile().delete();
    assertThatThrownBy(() -> new Datasets().load(dir.toString())).isInstanceOf(DatasetException.class)
        .hasMessage("data '" + dir + "': " + dir + " lacks train-labels-idx1-ubyte[.gz], "
            + "t10k-labels-idx1-ubyte[.gz]; an MNIST-layout directory needs all four IDX files");
  }

  @Test
  void imageSizeOtherThanRequiredIsRefused() {
    assertThatThrownBy(() -> new Datasets().load("mnist-10k", 32, 32)).isInstanceOf(DatasetException.class)
        .hasMessage("data 'mnist-10k': images are 28x28, this model needs 32x32; give a data set of 32x32 images "
            + "(mnist-10k, fashion-mnist)");
  }

  @Test
  void trainAndTestImagesOfDifferentSizesAreRefused() {
    writeSet(dir, 6, 4, 3, 3, false);
    IdxFiles.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFiles.patternImages(4, 5, 5));
    assertThatThrownBy(() -> new Datasets().load(dir.toString())).isInstanceOf(DatasetException.class)
        .hasMessageContaining("training images are 3x3 but test images are 5x5");
  }

  @Test
  void labelFileOfAnotherLengthIsRefused() {
    writeSet(dir, 6, 4, 3, 3, false);
    IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), IdxFiles.labels(0, 1, 2));
    assertThatThrownBy(() -> new Datasets().load(dir.toString())).isInstanceOf(DatasetException.class)
        .hasMessage(dir.resolve("train-images-idx3-ubyte") + " holds 6 images but "
            + dir.resolve("train-labels-idx1-ubyte") + " holds 3 labels; use an image file and the label file "
            + "that belongs to it");
  }

  /** Writes the four files; the training labels plain and the rest gzip when {@code mixed}, all plain otherwise. */
  private static void writeSet(Path dir, int train, int test, int size, int classes, boolean mixed) {
    int[] trainLabels = new int[train];
    int[] testLabels = new int[test];
    for (int i = 0; i < train; i++) {
      trainLabels[i] = i % classes;
    }
    for (int i = 0; i < test; i++) {
      testLabels[i] = (i + 1) % classes;
    }
    write(dir, "train-images-idx3-ubyte", IdxFiles.patternImages(train, size, size), mixed);
    write(dir, "train-labels-idx1-ubyte", IdxFiles.labels(trainLabels), false);
    write(dir, "t10k-images-idx3-ubyte", IdxFiles.patternImages(test, size, size), mixed);
    write(dir, "t10k-labels-idx1-ubyte", IdxFiles.labels(testLabels), mixed);
  }

  private static void write(Path dir, String base, byte[] raw, boolean gzip) {
    if (gzip) {
      IdxFiles.write(dir.resolve(base + ".gz"), IdxFiles.gzip(raw));
    } else {
      IdxFiles.write(dir.resolve(base), raw);
    }
  }
}
