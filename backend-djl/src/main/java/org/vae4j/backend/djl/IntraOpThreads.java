package org.vae4j.backend.djl;

import java.util.function.Supplier;

/**
 * Runs memory-bound kernels on the calling thread alone. libtorch splits any elementwise op or reduction of
 * more than 32,768 elements across its OpenMP team, and with the passive wait policy vae4j sets (see
 * {@link org.vae4j.api.spi.OpenMpWaitPolicy}) every such op wakes the sleeping workers and waits for them at a
 * barrier: on a machine whose cores are busy that wait, not the memory traffic, is most of the op's time. The
 * convolutions and the matrix products keep the whole team, except products of fewer than
 * {@value #SERIAL_PRODUCT_WORK} multiply-adds ({@link #product}): in the MLP VAE's step the (128, 400) x
 * (400, 40) products took 75-86 us on one thread and 139-144 us on a team of two that had to be woken.
 *
 * <p>{@link #serial} sets libtorch's intra-op thread count of the calling thread (OpenMP's and MKL's are per
 * thread) to one around the kernel and back to the engine's count after it, so no other code on the thread
 * ever sees the change (a toggle costs about 0.2 microseconds). System property
 * {@value #TEAM_FOR_ALL_OPS}{@code =true} gives every kernel the whole team again. Thread-safe.
 */
final class IntraOpThreads {
  /** System property: true runs the elementwise kernels on libtorch's whole team too (its default). */
  static final String TEAM_FOR_ALL_OPS = "vae4j.djl.teamForAllOps";
  /** Matrix products with fewer multiply-adds than this run on one thread. */
  static final long SERIAL_PRODUCT_WORK = 1L << 23;
  private final int team;
  private final boolean enabled;

  /** @param enabled false runs every kernel with the engine's team, as libtorch does by default */
  IntraOpThreads(boolean enabled) {
    this.team = LibTorch.getNumThreads();
    this.enabled = enabled && team > 1;
  }

  /**
   * {@code kernel}'s result, a matrix product of {@code multiplyAdds} multiply-adds: computed with one intra-op
   * thread when that is under {@link #SERIAL_PRODUCT_WORK}, with the whole team otherwise.
   */
  <T> T product(long multiplyAdds, Supplier<T> kernel) {
    return multiplyAdds < SERIAL_PRODUCT_WORK ? serial(kernel) : kernel.get();
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
