package org.vae4j.core.quantize;

/**
 * How a {@link VectorQuantizer} trained by several workers at once (synchronous data parallelism) combines
 * its per-batch code statistics, so that every worker's codebook stays identical: the code counts that
 * drive dead-code restarts and, with the EMA update, the per-code sums of encoder outputs. A restart's
 * replacement vector is drawn from the global batch (the workers' batches in rank order) and shared.
 *
 * <p>The quantizer calls it only in training mode, from its {@code forward}; every worker must make the same
 * calls in the same order. A single machine uses {@link #LOCAL}.
 */
public interface CodeStatisticsSync {

  /** One worker: statistics stay as they are. */
  CodeStatisticsSync LOCAL = new CodeStatisticsSync() {
    @Override
    public int rank() {
      return 0;
    }

    @Override
    public int workers() {
      return 1;
    }

    @Override
    public void sumInPlace(double[] values) {
    }
  };

  /** This worker's rank, from 0. */
  int rank();

  /** Workers K. */
  int workers();

  /** Replaces {@code values} by their element-wise sum over all workers' arrays (of equal length). */
  void sumInPlace(double[] values);
}
