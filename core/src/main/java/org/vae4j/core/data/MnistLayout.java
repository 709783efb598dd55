package org.vae4j.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder in the layout of MNIST and Fashion-MNIST: {@value #TRAIN_IMAGES}, {@value #TRAIN_LABELS},
 * {@value #TEST_IMAGES} and {@value #TEST_LABELS}, each gzip-compressed ({@code .gz}) or not. Stateless and
 * thread-safe.
 *
 * <pre>{@code
 * TrainTest mnist = MnistLayout.read(Path.of("/usr/share/datasets/fashion-mnist"));
 * }</pre>
 */
public final class MnistLayout {
  /** The training images' file name, without the optional {@code .gz}. */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  /** The training labels' file name, without the optional {@code .gz}. */
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  /** The test images' file name, without the optional {@code .gz}. */
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  /** The test labels' file name, without the optional {@code .gz}. */
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  private MnistLayout() {
  }

  /** The folder's two parts, named after the folder ({@code mnist-10k}), with classes {@code "0", "1", ...}. */
  public static TrainTest read(Path folder) {
    Path name = folder.toAbsolutePath().normalize().getFileName();
    return read(name == null ? folder.toString() : name.toString(), folder, null);
  }

  /**
   * The folder's two parts.
   *
   * @param name       the data set's name in messages and in the result
   * @param classNames one name per class, or null for {@code "0", "1", ...}
   * @throws DatasetException with a one-line message naming the folder or file and the fix when the folder is
   *                          missing, lacks a file, or a file is damaged or does not fit the others
   */
  public static TrainTest read(String name, Path folder, List<String> classNames) {
    if (!Files.exists(folder)) {
      throw new DatasetException("data '" + name + "': " + folder + " does not exist; give a directory holding "
          + TRAIN_IMAGES + "[.gz], " + TRAIN_LABELS + "[.gz], " + TEST_IMAGES + "[.gz] and " + TEST_LABELS
          + "[.gz]");
    }
    if (!Files.isDirectory(folder)) {
      throw new DatasetException("data '" + name + "': " + folder + " is a file, not a directory; give the "
          + "directory that holds " + TRAIN_IMAGES + "[.gz] and the three other IDX files");
    }
    List<String> missing = new ArrayList<>();
    String[] bases = {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS};
    Path[] files = new Path[bases.length];
    for (int i = 0; i < bases.length; i++) {
      files[i] = find(folder, bases[i]);
      if (files[i] == null) {
        missing.add(bases[i] + "[.gz]");
      }
    }
    if (!missing.isEmpty()) {
      throw new DatasetException("data '" + name + "': " + folder + " lacks " + String.join(", ", missing)
          + "; an MNIST-layout directory needs all four IDX files");
    }
    return TrainTest.of(name, IdxReader.readImages(files[0]), IdxReader.readLabels(files[1]),
        IdxReader.readImages(files[2]), IdxReader.readLabels(files[3]), classNames);
  }

  private static Path find(Path folder, String base) {
    for (String name : new String[] {base + ".gz", base}) {
      Path p = folder.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }
}
