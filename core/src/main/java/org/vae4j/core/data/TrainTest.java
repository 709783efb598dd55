package org.vae4j.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A data set's training and test parts, with images of one size and one set of classes.
 *
 * @param name       what the data set is called ({@code mnist-10k}, a folder), for messages and run names
 * @param train      the training images
 * @param test       the test images
 * @param classNames one name per class, for legends ({@code "0"} to {@code "9"} for digits)
 */
public record TrainTest(String name, ImageDataset train, ImageDataset test, List<String> classNames) {
  public TrainTest {
    classNames = List.copyOf(classNames);
    if (train.rows() != test.rows() || train.cols() != test.cols() || train.numClasses() != test.numClasses()
        || classNames.size() != train.numClasses()) {
      throw new IllegalArgumentException(name + ": train " + train + ", test " + test + " and "
          + classNames.size() + " class names do not agree");
    }
  }

  /**
   * The two parts from their IDX files, pixels scaled to [0, 1]. The number of classes is one more than the
   * largest label of either part.
   *
   * @param classNames one name per class, or null (or a list of another length) for {@code "0", "1", ...}
   * @throws DatasetException naming the file and the fix when a part is empty, its image and label files
   *                          disagree, or the parts' image sizes differ
   */
  public static TrainTest of(String name, IdxImages trainImages, IdxLabels trainLabels, IdxImages testImages,
      IdxLabels testLabels, List<String> classNames) {
    int numClasses = 1 + Math.max(max(trainLabels.labels()), max(testLabels.labels()));
    List<String> names = classNames;
    if (names == null || names.size() != numClasses) {
      names = new ArrayList<>();
      for (int c = 0; c < numClasses; c++) {
        names.add(Integer.toString(c));
      }
    }
    ImageDataset train = ImageDataset.fromIdx(name + " train", trainImages, trainLabels, numClasses);
    ImageDataset test = ImageDataset.fromIdx(name + " test", testImages, testLabels, numClasses);
    if (trainImages.rows() != testImages.rows() || trainImages.cols() != testImages.cols()) {
      throw new DatasetException("data '" + name + "': training images are " + trainImages.rows() + "x"
          + trainImages.cols() + " but test images are " + testImages.rows() + "x" + testImages.cols()
          + "; both parts must come from the same data set");
    }
    return new TrainTest(name, train, test, names);
  }

  private static int max(int[] values) {
    int m = 0;
    for (int v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
