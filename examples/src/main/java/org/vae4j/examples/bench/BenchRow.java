package org.vae4j.examples.bench;

/**
 * One row of {@code vae4j bench}.
 *
 * @param backend           {@code pure}, {@code nd4j}, {@code djl}, or {@code djl-reference} for the VAE on
 *                          DJL's own API
 * @param device            {@code cpu} or {@code gpu:N}
 * @param details           the backend's own description, or why it did not run
 * @param examplesPerSecond training examples per second over the timed steps, or NaN when it did not run
 * @param ratioToDjl        this row's rate over the {@code djl} row's (NaN without one)
 * @param meanLoss          the mean loss of the timed steps, a check that every row trained the same model
 * @param peakHeapBytes     peak Java heap during the row
 * @param peakResidentBytes peak resident set of the whole process during the row, or -1: native buffers
 *                          included, and also the heap and native libraries that earlier rows left
 *                          resident, so later rows carry what earlier ones kept
 */
public record BenchRow(String backend, String device, String details, double examplesPerSecond,
    double ratioToDjl, double meanLoss, long peakHeapBytes, long peakResidentBytes) {

  /** A row for a backend that failed to start or to run. */
  static BenchRow failed(String backend, String why) {
    return new BenchRow(backend, "-", why, Double.NaN, Double.NaN, Double.NaN, -1, -1);
  }

  /** This row with its ratio to {@code djlRate}. */
  BenchRow withRatio(double djlRate) {
    return new BenchRow(backend, device, details, examplesPerSecond, examplesPerSecond / djlRate, meanLoss,
        peakHeapBytes, peakResidentBytes);
  }

  /** True when the row ran. */
  public boolean ran() {
    return !Double.isNaN(examplesPerSecond);
  }
}
