package org.vae4j.examples.app;

import org.vae4j.core.data.TrainTest;

/** Cuts a data set to {@code --limit} images per part and binarises its test part for {@code --binarize}. */
public final class DataPreparation {
  /**
   * The seed of the test images' one binarisation, the same for every run and model, so that every model is
   * scored on the same bits (and {@code vae4j compare} can score runs trained with different seeds).
   */
  public static final long TEST_BINARIZATION_SEED = 20_160_125L;

  private DataPreparation() {
  }

  /**
   * The data as a run uses it.
   *
   * @param limit    images kept of each part, from the start; 0 keeps all
   * @param binarize whether the test images are binarised once, with {@link #TEST_BINARIZATION_SEED} (the
   *                 training images are binarised anew each epoch while training)
   */
  public static TrainTest prepare(TrainTest data, int limit, boolean binarize) {
    var train = limit > 0 ? data.train().head(limit) : data.train();
    var test = limit > 0 ? data.test().head(limit) : data.test();
    if (binarize) {
      test = test.binarized(TEST_BINARIZATION_SEED);
    }
    return new TrainTest(data.name(), train, test, data.classNames());
  }
}
