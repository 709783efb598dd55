package org.vae4j.spark.train;

import java.util.Map;
import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.quantize.CodeStatisticsSync;
import org.vae4j.core.train.GradientSynchronizer;
import org.vae4j.spark.ring.RingAllReduce;

/**
 * Synchronous data parallelism over a {@link RingAllReduce}: per step one buffer of
 * {@code P + 3} floats, each worker's gradients weighted by its example count followed by its weighted loss,
 * its example count and a non-finite flag; after the sum every worker divides by the total count, so every
 * worker holds the gradient of the mean loss over the global batch, bit for bit the same. A VQ-VAE's code
 * statistics go through the same ring ({@link CodeStatisticsSync}). It also keeps the time split of each
 * step: computing (between two synchronisations), waiting for the slowest worker, and moving data.
 * Used by one training thread.
 */
final class RingSynchronizer implements GradientSynchronizer, CodeStatisticsSync {
  private final RingAllReduce ring;
  private final StepTimes times = new StepTimes();
  private long lastExit = -1;

  RingSynchronizer(RingAllReduce ring) {
    this.ring = ring;
  }

  /** The time split and bytes of the steps so far. */
  StepTimes times() {
    return times;
  }

  @Override
  public StepTotals synchronize(Map<String, Tensor> parameters, double loss, int examples) {
    long enter = System.nanoTime();
    if (lastExit >= 0) {
      times.computeNanos += enter - lastExit;
    }
    try {
      if (ring.size() == 1) {
        return new StepTotals(loss, examples);
      }
      return allReduce(parameters, loss, examples);
    } finally {
      lastExit = System.nanoTime();
      times.steps++;
      times.waitingNanos += ring.lastWaitingNanos();
      times.transferNanos += ring.lastTransferNanos();
      times.bytesSent = ring.bytesSent();
      times.hostCopyNanos += lastExit - enter - (ring.size() == 1 ? 0 : ring.lastWaitingNanos()
          + ring.lastTransferNanos());
    }
  }

  private StepTotals allReduce(Map<String, Tensor> parameters, double loss, int examples) {
    long p = 0;
    for (Tensor t : parameters.values()) {
      p += t.size();
    }
    float[] buffer = new float[Math.toIntExact(p + 3)];
    boolean finite = Double.isFinite(loss);
    int at = 0;
    for (Tensor t : parameters.values()) {
      Tensor g = t.grad();
      if (finite && g != null) {
        float[] values = g.toFloatArray();
        for (int i = 0; i < values.length; i++) {
          buffer[at + i] = values[i] * examples;
        }
      }
      at += (int) t.size();
    }
    buffer[at] = finite ? (float) (loss * examples) : 0f;
    buffer[at + 1] = examples;
    buffer[at + 2] = finite ? 0f : 1f;
    ring.sumInPlace(buffer);
    int total = Math.round(buffer[at + 1]);
    if (buffer[at + 2] > 0) {
      return new StepTotals(Double.NaN, total);
    }
    float scale = 1f / total;
    at = 0;
    for (Tensor t : parameters.values()) {
      int n = (int) t.size();
      float[] mean = new float[n];
      for (int i = 0; i < n; i++) {
        mean[i] = buffer[at + i] * scale;
      }
      if (t.grad() == null) {
        t.mul(0.0).sum().backward(); // this worker's batch did not reach t: make its gradient, then fill it
      }
      try (Scope s = Scope.open()) {
        t.grad().assign(t.factory().of(mean, t.shape()).cast(t.grad().dtype()));
      }
      at += n;
    }
    return new StepTotals((double) buffer[at] / total, total);
  }

  @Override
  public int rank() {
    return ring.rank();
  }

  @Override
  public int workers() {
    return ring.size();
  }

  @Override
  public void sumInPlace(double[] values) {
    if (ring.size() == 1) {
      return;
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    ring.sumInPlace(f);
    for (int i = 0; i < f.length; i++) {
      values[i] = f[i];
    }
  }

  /**
   * Every worker's 64-bit {@code value}, by rank, through the ring (as 16-bit pieces, which floats carry
   * exactly).
   */
  long[] allGather(long value) {
    int k = ring.size();
    float[] slots = new float[4 * k];
    for (int i = 0; i < 4; i++) {
      slots[4 * ring.rank() + i] = (value >>> (16 * i)) & 0xFFFF;
    }
    ring.sumInPlace(slots);
    long[] out = new long[k];
    for (int r = 0; r < k; r++) {
      for (int i = 0; i < 4; i++) {
        out[r] |= ((long) Math.round(slots[4 * r + i]) & 0xFFFF) << (16 * i);
      }
    }
    return out;
  }
}
