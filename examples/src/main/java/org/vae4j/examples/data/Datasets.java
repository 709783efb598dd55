package org.vae4j.examples.data;

import static org.vae4j.core.data.MnistLayout.TEST_IMAGES;
import static org.vae4j.core.data.MnistLayout.TEST_LABELS;
import static org.vae4j.core.data.MnistLayout.TRAIN_IMAGES;
import static org.vae4j.core.data.MnistLayout.TRAIN_LABELS;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vae4j.core.data.DatasetException;
import org.vae4j.core.data.IdxImages;
import org.vae4j.core.data.IdxLabels;
import org.vae4j.core.data.IdxReader;
import org.vae4j.core.data.MnistLayout;
import org.vae4j.core.data.TrainTest;

/**
 * Resolves what a user gives to {@code --data}:
 *
 * <ul>
 *   <li>{@code mnist-10k} (the default): 9,000 training and 1,000 test MNIST digits shipped inside this jar;
 *   <li>{@code fashion-mnist}: the 60,000 / 10,000 Fashion-MNIST images that Debian's package
 *       {@code dataset-fashion-mnist} installs in {@code /usr/share/datasets/fashion-mnist};
 *   <li>any directory holding {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 *       {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each gzip-compressed
 *       ({@code .gz}) or not.
 * </ul>
 *
 * <p>The number of classes is one more than the largest label of either part. Thread-safe.
 */
public final class Datasets {
  /** The embedded MNIST subset. */
  public static final String MNIST_10K = "mnist-10k";
  /** Fashion-MNIST from the Debian package. */
  public static final String FASHION_MNIST = "fashion-mnist";
  /** Where Debian's {@code dataset-fashion-mnist} puts its files. */
  public static final Path DEBIAN_FASHION_DIR = Path.of("/usr/share/datasets/fashion-mnist");


  private static final String EMBEDDED_FOLDER = "/org/vae4j/examples/data/mnist-10k/";
  private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
      "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private final Path fashionDir;

  /** Resolves {@code fashion-mnist} to {@link #DEBIAN_FASHION_DIR}. */
  public Datasets() {
    this(DEBIAN_FASHION_DIR);
  }

  /** Resolves {@code fashion-mnist} to {@code fashionDir} (for tests and other installations). */
  public Datasets(Path fashionDir) {
    this.fashionDir = fashionDir;
  }

  /** Loads the data set named by {@code spec}, whatever its image size. */
  public TrainTest load(String spec) {
    return load(spec, 0, 0);
  }

  /**
   * Loads the data set named by {@code spec} and checks its image size.
   *
   * @param rows rows each image must have, or 0 for any
   * @param cols columns each image must have, or 0 for any
   * @throws DatasetException with a one-line message when the data set cannot be found or read, or its
   *                          images are not {@code rows x cols}
   */
  public TrainTest load(String spec, int rows, int cols) {
    TrainTest data = switch (spec.toLowerCase(Locale.ROOT)) {
      case MNIST_10K -> embedded();
      case FASHION_MNIST -> fashion();
      default -> directory(spec, Path.of(spec));
    };
    if ((rows > 0 && data.train().rows() != rows) || (cols > 0 && data.train().cols() != cols)) {
      throw new DatasetException("data '" + spec + "': images are " + data.train().rows() + "x"
          + data.train().cols() + ", this model needs " + rows + "x" + cols + "; give a data set of " + rows
          + "x" + cols + " images (mnist-10k, fashion-mnist)");
    }
    return data;
  }

  private static TrainTest embedded() {
    IdxImages trainImages = IdxReader.readImages(() -> resource(TRAIN_IMAGES), MNIST_10K + "/" + TRAIN_IMAGES);
    IdxLabels trainLabels = IdxReader.readLabels(() -> resource(TRAIN_LABELS), MNIST_10K + "/" + TRAIN_LABELS);
    IdxImages testImages = IdxReader.readImages(() -> resource(TEST_IMAGES), MNIST_10K + "/" + TEST_IMAGES);
    IdxLabels testLabels = IdxReader.readLabels(() -> resource(TEST_LABELS), MNIST_10K + "/" + TEST_LABELS);
    return TrainTest.of(MNIST_10K, trainImages, trainLabels, testImages, testLabels, null);
  }

  private static InputStream resource(String base) {
    String path = EMBEDDED_FOLDER + base + ".gz";
    InputStream in = Datasets.class.getResourceAsStream(path);
    if (in == null) {
      throw new DatasetException("embedded data set " + MNIST_10K + ": resource " + path + " is missing from "
          + "the class path; rebuild vae4j-examples or give --data a directory");
    }
    return in;
  }

  private TrainTest fashion() {
    if (!Files.isDirectory(fashionDir)) {
      throw new DatasetException("data '" + FASHION_MNIST + "': " + fashionDir + " does not exist; install "
          + "it with 'apt-get install dataset-fashion-mnist' or give --data a directory of IDX files");
    }
    return MnistLayout.read(FASHION_MNIST, fashionDir, FASHION_CLASSES);
  }

  private static TrainTest directory(String spec, Path dir) {
    if (!Files.exists(dir)) {
      throw new DatasetException("data '" + spec + "': no such directory; give " + MNIST_10K + ", "
          + FASHION_MNIST + " or a directory holding " + TRAIN_IMAGES + "[.gz], " + TRAIN_LABELS + "[.gz], "
          + TEST_IMAGES + "[.gz] and " + TEST_LABELS + "[.gz]");
    }
    return MnistLayout.read(spec, dir, null);
  }
}
