package org.vae4j.backend.djl;

import java.util.function.Supplier;

/**
 * Runs memory-bound kernels on the calling thread alone. libtorch splits any elementwise op or reduction of
 * more than 32,768 elements across its OpenMP team, and with the passive wait policy vae4j sets (see
 * {@link org.vae4j.api.spi.OpenMpWaitPolicy}) every such op wakes the sleeping workers and waits for them at a
 * barrier: on a machine whose cores are busy that wait, not the memory traffic, is most of the op's time. The
 * matrix products and convolutions keep the whole team.
 *
 * <p>{@link #serial} sets libtorch's intra-op thread count of the calling thread (OpenMP's and MKL's are per
 * thread) to one around the kernel and back to the engine's count after it, so no other code on the thread
 * ever sees the change (a toggle costs about 0.2 microseconds). System property
 * {@value #TEAM_FOR_ALL_OPS}{@code =true} gives every kernel the whole team again. Thread-safe.
 */
final class IntraOpThreads {
  /** System property: true runs the elementwise kernels on libtorch's whole team too (its default). */
  static final String TEAM_FOR_ALL_OPS = "vae4j.djl.teamForAllOps";
  private final int team;
  private final boolean enabled;

  /** @param enabled false runs every kernel with the engine's team, as libtorch does by default */
  IntraOpThreads(boolean enabled) {
    this.team = LibTorch.getNumThreads();
    this.enabled = enabled && team > 1;
  }

  /** {@code kernel}'s result, computed with one intra-op thread. */
  <T> T serial(Supplier<T> kernel) {
    if (!enabled) {
      return kernel.get();
    }
    LibTorch.setNumThreads(1);
    try {
      return kernel.get();
    } finally {
      LibTorch.setNumThreads(team);
    }
  }
}
