package org.vae4j.examples.app;

import org.vae4j.core.data.TrainTest;

/** Cuts a data set to {@code --limit} images per part and binarises its test part for {@code --binarize}. */
public final class DataPreparation {
  private DataPreparation() {
  }

  /**
   * The data as a run uses it.
   *
   * @param limit    images kept of each part, from the start; 0 keeps all
   * @param binarize whether the test images are binarised once (the training images are binarised anew
   *                 each epoch while training)
   * @param seed     seed of the test images' binarisation
   */
  public static TrainTest prepare(TrainTest data, int limit, boolean binarize, long seed) {
    var train = limit > 0 ? data.train().head(limit) : data.train();
    var test = limit > 0 ? data.test().head(limit) : data.test();
    if (binarize) {
      test = test.binarized(seed);
    }
    return new TrainTest(data.name(), train, test, data.classNames());
  }
}
