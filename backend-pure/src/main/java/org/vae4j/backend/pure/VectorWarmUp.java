package org.vae4j.backend.pure;

import org.vae4j.api.spi.BinaryOp;
import org.vae4j.api.spi.UnaryOp;

/**
 * Runs every {@link VectorLoops} kernel and one small product once, on a few dozen elements, when the pure
 * backend starts. The JDK Vector API (incubator, JDK 17) fills caches on the first use of each operation, and
 * when that first use comes after the JIT has begun to profile the API's shared dispatch code, the compiled
 * kernels keep both the cached and the filling path, lose the constants the intrinsics need, and run on
 * boxed vectors: in about half of all runs the exp and log loops ran 3 to 4 times slower (the MLP VAE's
 * fused BCE 0.72-0.76 ms instead of 0.18-0.27 ms per step, for the whole run). Done first, in the
 * interpreter, every operation's first use precedes that profiling. Thread-safe; idempotent.
 */
final class VectorWarmUp {
  private static final int N = 67; // several whole vectors of every species and a tail
  private static boolean done; // guarded by the class lock

  private VectorWarmUp() {
  }

  /** Runs the kernels of {@code loops} (none when null) and the vector GEMM once, the first time only. */
  static synchronized void run(VectorLoops loops, Gemm gemm) {
    if (done) {
      return;
    }
    done = true;
    float[] a = new float[N];
    float[] b = new float[N];
    float[] out = new float[N];
    for (int i = 0; i < N; i++) {
      a[i] = (i - N / 2) * 0.75f;
      b[i] = (i % 5) * 0.25f;
    }
    if (loops != null) {
      for (UnaryOp op : UnaryOp.values()) {
        UnaryKernels.FloatLoop loop = loops.unary(op);
        if (loop != null) {
          loop.run(a, out, 0, N);
        }
      }
      for (BinaryOp op : BinaryOp.values()) {
        loops.binary(op, a, 0, false, b, 0, false, out, 0, N);
        loops.binary(op, a, 0, true, b, 0, false, out, 0, N);
        loops.binary(op, a, 0, false, b, 0, true, out, 0, N);
      }
      loops.bceWithLogits(a, b, out, 0, N);
      loops.bceWithLogitsGradient(b, a, b, out, 0, N);
      loops.adam(out.clone(), a, b.clone(), b.clone(), 0, N, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 1e-3f, 1f);
      loops.sum(a, 0, N);
      loops.accumulate(a, 0, new double[N], 0, N);
      loops.sumOfSquares(a, 0, N);
      loops.extremum(a, 0, N, true);
      loops.extremum(a, 0, N, false);
    }
    if (gemm != null) {
      int m = 9;
      gemm.sgemm(m, m, m, new float[m * m], 0, m, 1, new float[m * m], 0, m, 1, new float[m * m], 0, m, false);
      gemm.sgemm(m, m, m, new float[m * m], 0, 1, m, new float[m * m], 0, 1, m, new float[m * m], 0, m, true);
    }
  }
}
