package org.vae4j.examples.data;

import java.util.List;

/**
 * A data set's training and test parts, with images of one size and one set of classes.
 *
 * @param name       the {@code --data} value it was loaded from
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
}
