package org.vae4j.spark.score;

import org.vae4j.core.data.ImageDataset;
import org.vae4j.spark.bridge.ExamplesAdapter;

/** Scores the first test images of the embedded MNIST in this JVM, for tests in other packages. */
public final class ExecutorModelsProbe {
  private ExecutorModelsProbe() {
  }

  /** log p(x) of the first {@code n} test images (ids 0..n-1), in one batch. */
  public static double[] logPx(ModelPackage pkg, int n, ScoreOptions options) {
    ImageDataset test = ExamplesAdapter.data("mnist-10k", 0, false, 0).test();
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return RowScorer.score(ExecutorModels.get(pkg), ids, test.slice(0, n).images(), test.slice(0, n).labels(),
        options).logPx();
  }
}
