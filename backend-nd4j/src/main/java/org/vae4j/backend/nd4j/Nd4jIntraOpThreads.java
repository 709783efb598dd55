package org.vae4j.backend.nd4j;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs memory-bound kernels (elementwise, reductions, movement, the fused Adam and BCE) with libnd4j's own
 * loops on the calling thread alone. libnd4j splits any op above 1,024 elements across its thread pool, and
 * every such op wakes the pool's sleeping threads and waits for them: on a machine whose cores are busy that
 * wait, not the work, is most of a small op's time ({@code x * scalar} on a (128, 20) array: 12-15 us with
 * one thread, 23-71 us with two). The matrix products and convolutions keep the whole team, and OpenBLAS its
 * own threads. This is backend-djl's {@code IntraOpThreads} for ND4J.
 *
 * <p>libnd4j's thread count is one setting for the whole process ({@code Environment.setMaxThreads}), not one
 * per thread: {@link #serial} sets it to one around the kernel and back to the team's size after, so ND4J
 * code outside vae4j keeps its team. A product that another thread runs meanwhile may then use fewer of
 * libnd4j's threads (its values do not change; OpenBLAS's threads are not affected). System property
 * {@value #TEAM_FOR_ALL_OPS}{@code =true} gives every kernel the whole team, as ND4J does by default; it is
 * read at each call, so a benchmark can switch it in one JVM ({@code StepAnatomy ab=vae4j.nd4j.teamForAllOps}).
 * Thread-safe.
 */
final class Nd4jIntraOpThreads {
  /** System property: true runs the memory-bound kernels on libnd4j's whole team too. */
  static final String TEAM_FOR_ALL_OPS = "vae4j.nd4j.teamForAllOps";
  private final int team;
  private final boolean enabled;

  /**
   * @param enabled false runs every kernel with libnd4j's team, as ND4J does by default (so does
   *     {@value #TEAM_FOR_ALL_OPS}{@code =true}, read at each call)
   */
  Nd4jIntraOpThreads(boolean enabled) {
    this.team = Nd4j.getEnvironment().maxThreads();
    this.enabled = enabled && team > 1;
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
    Nd4j.getEnvironment().setMaxThreads(1);
    try {
      return kernel.get();
    } finally {
      Nd4j.getEnvironment().setMaxThreads(team);
    }
  }
}
