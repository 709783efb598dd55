package org.vae4j.spark.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.TensorFactory;
import org.vae4j.core.Scope;
import org.vae4j.core.Tensors;
import org.vae4j.core.quantize.CodeStatisticsSync;
import org.vae4j.core.quantize.VectorQuantizer;
import org.vae4j.core.random.PhiloxStream;
import org.vae4j.core.Backends;

/**
 * Two vector quantizers that each see half of every batch and share their statistics end with the codebook
 * of one quantizer that sees the whole batches: EMA sums and counts, and dead-code restarts drawn from the
 * global batch.
 */
class CodeStatisticsSyncTest {
  private static final int K = 8;
  private static final int D = 3;
  private static final int M = 40;
  private final TensorFactory f = Tensors.on(Backends.get("pure").kernels(Backends.get("pure").defaultDevice()));

  /** Sums two workers' arrays in place, both threads meeting at a barrier. */
  private static final class TwoWorkers {
    private final CyclicBarrier barrier = new CyclicBarrier(2);
    private final double[][] slots = new double[2][];

    CodeStatisticsSync worker(int rank) {
      return new CodeStatisticsSync() {
        @Override
        public int rank() {
          return rank;
        }

        @Override
        public int workers() {
          return 2;
        }

        @Override
        public void sumInPlace(double[] values) {
          try {
            slots[rank] = values.clone();
            barrier.await();
            double[] other = slots[1 - rank];
            double[] sum = new double[values.length];
            for (int i = 0; i < values.length; i++) {
              sum[i] = rank == 0 ? values[i] + other[i] : other[i] + values[i];
            }
            barrier.await();
            System.arraycopy(sum, 0, values, 0, values.length);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      };
    }
  }

  private VectorQuantizer quantizer() {
    return VectorQuantizer.builder(f, DType.FLOAT32, K, D, PhiloxStream.seeded(5)).ema().restartDeadCodes(2).build();
  }

  private static double[] batch(int step) {
    double[] z = PhiloxStream.seeded(100 + step).normalDoubles(M * D);
    for (int i = 0; i < z.length; i++) {
      z[i] = z[i] * 0.3 + (i % D == 0 ? 1 : 0); // clustered, so that some codes stay unused and get restarted
    }
    return z;
  }

  private float[] train(VectorQuantizer q, int from, int to, int steps) {
    for (int s = 0; s < steps; s++) {
      double[] all = batch(s);
      double[] part = java.util.Arrays.copyOfRange(all, from * D, to * D);
      try (Scope scope = Scope.open()) {
        q.forward(f.of(part, Shape.of(to - from, D), DType.FLOAT32));
      }
    }
    return q.codebook().toFloatArray();
  }

  @Test
  void twoHalvesSharingStatisticsGiveTheCodebookOfTheWholeBatches() throws Exception {
    int steps = 6;
    float[] whole;
    try (VectorQuantizer q = quantizer()) {
      whole = train(q, 0, M, steps);
    }
    TwoWorkers ring = new TwoWorkers();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<float[]> first = pool.submit(() -> {
        try (VectorQuantizer q = quantizer()) {
          q.synchronizeWith(ring.worker(0));
          return train(q, 0, M / 2, steps);
        }
      });
      Future<float[]> second = pool.submit(() -> {
        try (VectorQuantizer q = quantizer()) {
          q.synchronizeWith(ring.worker(1));
          return train(q, M / 2, M, steps);
        }
      });
      float[] a = first.get();
      float[] b = second.get();
      assertThat(b).as("both workers' codebooks, bit for bit").containsExactly(a);
      for (int i = 0; i < whole.length; i++) {
        assertThat(a[i]).as("code value %d", i).isCloseTo(whole[i], org.assertj.core.data.Offset.offset(1e-5f));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
