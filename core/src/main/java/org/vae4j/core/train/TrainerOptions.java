package org.vae4j.core.train;

import java.nio.file.Path;
import java.util.List;

/** The settings of a {@link Trainer}, fixed when it is built. */
record TrainerOptions(int epochs, int batchSize, int testBatchSize, long seed, boolean shuffle, boolean dropLast,
    Dataset testSet, double clipGradientNorm, boolean skipNonFinite, Path checkpointFile, long checkpointEvery,
    Path resumeFrom, List<TrainingListener> listeners, GradientSynchronizer synchronizer) {
  TrainerOptions {
    listeners = List.copyOf(listeners);
  }
}
