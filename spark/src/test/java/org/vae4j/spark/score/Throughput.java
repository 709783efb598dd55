package org.vae4j.spark.score;

import java.nio.file.Path;
import org.vae4j.core.data.ImageDataset;

/** Single-process scoring speed, for the scaling benchmark. */
public final class Throughput {
  private Throughput() {
  }

  /** The run's model on backend-pure, as an executor builds it. */
  public static LoadedModel load(Path run) {
    return ExecutorModels.get(ModelPackage.of(run, "pure", null));
  }

  /** Rows per second of {@link RowScorer} over {@code images} in batches of {@code options.batch()} (second pass). */
  public static double singleProcessRowsPerSecond(Path run, ImageDataset images, ScoreOptions options) {
    LoadedModel m = load(run);
    long t0 = 0;
    for (int pass = 0; pass < 2; pass++) {
      t0 = System.nanoTime();
      for (int from = 0; from < images.size(); from += options.batch()) {
        int to = Math.min(images.size(), from + options.batch());
        long[] ids = new long[to - from];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = from + i;
        }
        RowScorer.score(m, ids, images.slice(from, to).images(), images.slice(from, to).labels(), options);
      }
    }
    return images.size() / ((System.nanoTime() - t0) / 1e9);
  }
}
