package org.vae4j.examples.bench;

import java.util.List;

/**
 * One row of {@code vae4j bench}.
 *
 * @param backend             {@code pure}, {@code nd4j}, {@code djl}, or {@code djl-reference} for the VAE on
 *                            DJL's own API
 * @param device              {@code cpu} or {@code gpu:N}
 * @param details             the backend's own description, or why it did not run
 * @param examplesPerSecond   training examples per second over the timed steps, or NaN when it did not run
 * @param ratioToDjl          this row's rate over the {@code djl} row's (NaN without one)
 * @param meanLoss            the mean loss of the timed steps, a check that every row trained the same model
 * @param flopsPerExample     the model's matrix-product FLOPs per example, forward and backward, as
 *                            {@link ObservedKernels} counts them (the same for every row of a run)
 * @param gflopsPerSecond     {@code examplesPerSecond * flopsPerExample / 1e9}
 * @param gemmGflopsPerSecond this backend's own float32 matmul rate in this process ({@link GemmRate}: batch x
 *                            784 times 784 x 400), measured in ten bursts between the row's timed steps (the clock
 *                            paused), so under the same machine load as the steps
 * @param fractionOfBound     {@code gflopsPerSecond / gemmGflopsPerSecond}: the share of the rate the step would
 *                            reach if it did nothing but its products at the backend's GEMM speed
 * @param peakHeapBytes       peak Java heap during the row
 * @param peakResidentBytes   peak resident set of the whole process during the row, or -1: native buffers
 *                            included, and also the heap and native libraries that earlier rows left
 *                            resident, so later rows carry what earlier ones kept
 * @param memoryTrace         with {@code --memory-trace}, the heap after a full GC and the resident set at ten
 *                            evenly spaced steps of the timed run (the clock paused while they are taken);
 *                            else null
 */
public record BenchRow(String backend, String device, String details, double examplesPerSecond,
    double ratioToDjl, double meanLoss, double flopsPerExample, double gflopsPerSecond, double gemmGflopsPerSecond,
    double fractionOfBound, long peakHeapBytes, long peakResidentBytes, List<MemoryPoint> memoryTrace) {

  /**
   * Memory after a step.
   *
   * @param step          the timed steps done
   * @param heapBytes     Java heap in use just after a full GC (live objects)
   * @param residentBytes the process's resident set, or -1 off Linux
   */
  public record MemoryPoint(int step, long heapBytes, long residentBytes) {
  }

  /** A row for a backend that failed to start or to run. */
  static BenchRow failed(String backend, String why) {
    return new BenchRow(backend, "-", why, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, -1, -1, null);
  }

  /** A row that ran, its FLOP figures derived from the rates. */
  static BenchRow ran(String backend, String device, String details, Timing t, double flopsPerExample,
      double gemmGflops) {
    double gflops = t.examplesPerSecond() * flopsPerExample / 1e9;
    return new BenchRow(backend, device, details, t.examplesPerSecond(), Double.NaN, t.meanLoss(), flopsPerExample,
        gflops, gemmGflops, gflops / gemmGflops, t.peakHeapBytes(), t.peakResidentBytes(), t.memoryTrace());
  }

  /** This row with its ratio to {@code djlRate}. */
  BenchRow withRatio(double djlRate) {
    return new BenchRow(backend, device, details, examplesPerSecond, examplesPerSecond / djlRate, meanLoss,
        flopsPerExample, gflopsPerSecond, gemmGflopsPerSecond, fractionOfBound, peakHeapBytes, peakResidentBytes,
        memoryTrace);
  }

  /** True when the row ran. */
  public boolean ran() {
    return !Double.isNaN(examplesPerSecond);
  }

  /**
   * What the timed steps of one row measured.
   *
   * @param memoryTrace see {@link BenchRow#memoryTrace()}, or null
   */
  record Timing(double examplesPerSecond, double meanLoss, long peakHeapBytes, long peakResidentBytes,
      List<MemoryPoint> memoryTrace) {
  }
}
