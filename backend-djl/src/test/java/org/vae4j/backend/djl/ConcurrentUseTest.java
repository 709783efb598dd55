package org.vae4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.Buffer;
import org.vae4j.api.spi.UnaryOp;

/** Four threads share input buffers and one kernels instance; every result is right and nothing leaks. */
class ConcurrentUseTest {

  @Test
  void threadsShareInputsAndKernelsSafely() throws Exception {
    DjlKernels k = DjlTestKernels.cpu();
    int before = k.liveTensors();
    double[] a = KernelsTestBase.values(1, 12, -1, 1);
    double[] b = KernelsTestBase.values(2, 12, -1, 1);
    double[] want = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int l = 0; l < 4; l++) {
          want[i * 3 + j] += Math.exp(a[i * 4 + l]) * b[l * 3 + j];
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Buffer x = k.fromDoubles(a, Shape.of(3, 4)); Buffer y = k.fromDoubles(b, Shape.of(4, 3))) {
      List<Future<double[]>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          double[] last = null;
          for (int i = 0; i < 300; i++) {
            try (Buffer e = k.unary(UnaryOp.EXP, x);
                Buffer p = k.matmul(e, y, false, false);
                Buffer z = k.binary(BinaryOp.ADD, p, p);
                Buffer h = k.reshape(z, Shape.of(9))) {
              last = k.toDoubles(h);
            }
          }
          return last;
        }));
      }
      for (Future<double[]> f : results) {
        double[] got = f.get();
        for (int i = 0; i < 9; i++) {
          assertThat(got[i]).isCloseTo(2 * want[i], org.assertj.core.api.Assertions.within(1e-12));
        }
      }
    } finally {
      pool.shutdown();
    }
    assertThat(k.liveTensors()).isEqualTo(before);
  }
}
