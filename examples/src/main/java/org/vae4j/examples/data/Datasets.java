package org.vae4j.examples.data;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  /** The four files of an MNIST-layout directory, without the optional {@code .gz}. */
  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

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
    return assemble(MNIST_10K, trainImages, trainLabels, testImages, testLabels, null);
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
    return directory(FASHION_MNIST, fashionDir);
  }

  private static TrainTest directory(String spec, Path dir) {
    if (!Files.exists(dir)) {
      throw new DatasetException("data '" + spec + "': no such directory; give " + MNIST_10K + ", "
          + FASHION_MNIST + " or a directory holding " + TRAIN_IMAGES + "[.gz], " + TRAIN_LABELS + "[.gz], "
          + TEST_IMAGES + "[.gz] and " + TEST_LABELS + "[.gz]");
    }
    if (!Files.isDirectory(dir)) {
      throw new DatasetException("data '" + spec + "': " + dir + " is a file, not a directory; give the "
          + "directory that holds " + TRAIN_IMAGES + "[.gz] and the three other IDX files");
    }
    List<String> missing = new ArrayList<>();
    Path[] files = new Path[4];
    String[] bases = {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS};
    for (int i = 0; i < 4; i++) {
      files[i] = find(dir, bases[i]);
      if (files[i] == null) {
        missing.add(bases[i] + "[.gz]");
      }
    }
    if (!missing.isEmpty()) {
      throw new DatasetException("data '" + spec + "': " + dir + " lacks " + String.join(", ", missing)
          + "; an MNIST-layout directory needs all four IDX files");
    }
    List<String> names = spec.equals(FASHION_MNIST) ? FASHION_CLASSES : null;
    return assemble(spec, IdxReader.readImages(files[0]), IdxReader.readLabels(files[1]),
        IdxReader.readImages(files[2]), IdxReader.readLabels(files[3]), names);
  }

  private static Path find(Path dir, String base) {
    for (String name : new String[] {base + ".gz", base}) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  private static TrainTest assemble(String spec, IdxImages trainImages, IdxLabels trainLabels,
      IdxImages testImages, IdxLabels testLabels, List<String> classNames) {
    if (trainImages.rows() != testImages.rows() || trainImages.cols() != testImages.cols()) {
      throw new DatasetException("data '" + spec + "': training images are " + trainImages.rows() + "x"
          + trainImages.cols() + " but test images are " + testImages.rows() + "x" + testImages.cols()
          + "; both parts must come from the same data set");
    }
    int numClasses = 1 + Math.max(max(trainLabels.labels()), max(testLabels.labels()));
    List<String> names = classNames;
    if (names == null || names.size() != numClasses) {
      names = new ArrayList<>();
      for (int c = 0; c < numClasses; c++) {
        names.add(Integer.toString(c));
      }
    }
    ImageDataset train = ImageDataset.fromIdx(spec + " train", trainImages, trainLabels, numClasses);
    ImageDataset test = ImageDataset.fromIdx(spec + " test", testImages, testLabels, numClasses);
    return new TrainTest(spec, train, test, names);
  }

  private static int max(int[] values) {
    int m = 0;
    for (int v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
