package org.vae4j.backend.nd4j;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs memory-bound kernels (elementwise, reductions, movement, the fused Adam) with libnd4j's own loops on the
 * calling thread alone. libnd4j splits any op above 1,024 elements across its thread pool, and every such op
 * wakes the pool's sleeping threads and waits for them: on a machine whose cores are busy that wait, not the
 * work, is most of a small op's time. The pool has two sizes, {@code maxThreads} and {@code maxMasterThreads},
 * and the elementwise ops follow the second: {@code x * scalar} on a (128, 20) array took 78-87 us with either
 * two master threads and one thread or two of both, 10-13 us with one master thread (one process, ND4J
 * 1.0.0-M2.1), so both are set to one. The matrix products, convolutions, the fused BCE (its
 * transcendentals: 0.81-0.95 ms against 1.0-1.2 ms on one thread for (128, 784)) and the transcendental unary
 * ops on large arrays keep the whole team (see {@code Nd4jKernels}), and OpenBLAS its own threads. This is
 * backend-djl's {@code IntraOpThreads} for ND4J.
 *
 * <p>libnd4j's thread counts are settings for the whole process ({@code Environment.setMaxThreads} and
 * {@code setMaxMasterThreads}), not per thread: {@link #serial} sets them to one around the kernel and back to
 * the team's sizes after, so ND4J code outside vae4j keeps its team. An op that another thread runs meanwhile
 * may then use fewer of libnd4j's threads (its values do not change; OpenBLAS's threads are not affected).
 * System property {@value #TEAM_FOR_ALL_OPS}{@code =true} gives every kernel the whole team, as ND4J does by
 * default; it is read at each call, so a benchmark can switch it in one JVM
 * ({@code StepAnatomy ab=vae4j.nd4j.teamForAllOps}). Thread-safe.
 */
final class Nd4jIntraOpThreads {
  /** System property: true runs the memory-bound kernels on libnd4j's whole team too. */
  static final String TEAM_FOR_ALL_OPS = "vae4j.nd4j.teamForAllOps";
  private final int team;
  private final int masterTeam;
  private final boolean enabled;

  /**
   * @param enabled false runs every kernel with libnd4j's team, as ND4J does by default (so does
   *     {@value #TEAM_FOR_ALL_OPS}{@code =true}, read at each call)
   */
  Nd4jIntraOpThreads(boolean enabled) {
    this.team = Nd4j.getEnvironment().maxThreads();
    this.masterTeam = Nd4j.getEnvironment().maxMasterThreads();
    this.enabled = enabled && (team > 1 || masterTeam > 1);
  }

  /** Whether {@link #serial} may change the thread count (false with one thread or when made disabled). */
  boolean enabled() {
    return enabled;
  }

  /** {@code kernel}'s result, computed with one libnd4j thread. */
  <T> T serial(Supplier<T> kernel) {
    if (!enabled || Boolean.getBoolean(TEAM_FOR_ALL_OPS)) {
      return kernel.get();
    }
    Environment environment = Nd4j.getEnvironment();
    environment.setMaxThreads(1);
    environment.setMaxMasterThreads(1);
    try {
      return kernel.get();
    } finally {
      environment.setMaxThreads(team);
      environment.setMaxMasterThreads(masterTeam);
    }
  }
}
