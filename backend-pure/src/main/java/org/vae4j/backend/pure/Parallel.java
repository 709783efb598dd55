package org.vae4j.backend.pure;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs independent chunks of work on a shared pool of daemon threads, one fewer than the available
 * processors, with the calling thread working too. A call made from inside a pool thread runs its chunks
 * sequentially, as does one made by the caller while it works on chunks, so nested parallel ops never
 * deadlock or oversubscribe. The first exception a chunk throws is rethrown to the caller once every chunk
 * claimed has finished (chunks not yet started are skipped). Thread-safe.
 */
final class Parallel {
  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  /**
   * System property: how long, in microseconds, an idle helper keeps looking for the next op's chunks before
   * it sleeps (default {@value #DEFAULT_SPIN_MICROS}; 0 sleeps at once). Read each time a helper runs out of
   * work, so a benchmark can switch it in one JVM.
   */
  static final String SPIN_MICROS = "vae4j.pure.spinMicros";
  private static final long DEFAULT_SPIN_MICROS = 500;
  private static final LinkedBlockingQueue<Runnable> WORK = new LinkedBlockingQueue<>();
  private static final AtomicInteger WORKER_IDS = new AtomicInteger();

  private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

  /** Busy-wait rounds for chunks a helper is finishing before the caller parks between checks. */
  private static final int SPINS = 1 << 12;
  private static final long PARK_NANOS = 20_000;

  /** Elementwise ops and reductions smaller than this run on the calling thread alone. */
  static final int ELEMENTWISE_GRAIN = 1 << 16;

  static {
    for (int i = 1; i < THREADS; i++) {
      Thread t = new Worker();
      t.setDaemon(true);
      t.start();
    }
  }

  private Parallel() {
  }

  /**
   * A helper thread. Waking a sleeping thread took 0.3 ms or more for a fifth of the parallel ops of a VAE
   * training step here (2 virtual cores; the helper then found the op done, or the op waited for its chunk),
   * while a step's ops follow each other within microseconds; so a helper that runs out of work first spins
   * for a while ({@value #SPIN_MICROS}), then sleeps until work arrives. Spinning 0.5 ms made the VAE step
   * 6 % and the conditional VAE's 6 % faster than sleeping at once, 0.2 ms and 1 ms similar, 5 ms slower
   * ({@code StepAnatomy ab=vae4j.pure.spinMicros}, medians of 7-9 alternating rounds).
   */
  private static final class Worker extends Thread {
    Worker() {
      super("vae4j-pure-" + WORKER_IDS.incrementAndGet());
    }

    @Override
    public void run() {
      while (true) {
        Runnable job = WORK.poll();
        if (job == null) {
          job = spinForWork();
        }
        try {
          if (job == null) {
            job = WORK.take();
          }
          job.run();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException | Error e) {
          // forChunks' jobs record their chunks' failures themselves; this only keeps the helper alive
        }
      }
    }

    private static Runnable spinForWork() {
      long spinNanos = Long.getLong(SPIN_MICROS, DEFAULT_SPIN_MICROS) * 1000;
      long start = System.nanoTime();
      while (System.nanoTime() - start < spinNanos) {
        if (!WORK.isEmpty()) {
          Runnable job = WORK.poll();
          if (job != null) {
            return job;
          }
        }
        Thread.onSpinWait();
      }
      return null;
    }
  }

  /** Threads that may work at once, the caller included. */
  static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code body} for every chunk in {@code [0, chunks)}, in parallel where worthwhile. The caller claims
   * chunks too and returns as soon as every chunk is done: a helper that had not started by then (its thread
   * busy elsewhere, as on a loaded machine) finds nothing left and is not waited for.
   */
  static void forChunks(int chunks, IntConsumer body) {
    if (chunks <= 1 || THREADS == 1 || Thread.currentThread() instanceof Worker || INSIDE.get()) {
      for (int i = 0; i < chunks; i++) {
        body.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger pending = new AtomicInteger(chunks);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread caller = Thread.currentThread();
    Runnable loop = () -> {
      for (int i = next.getAndIncrement(); i < chunks; i = next.getAndIncrement()) {
        try {
          if (failure.get() == null) {
            body.accept(i);
          }
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        } catch (Error e) {
          failure.compareAndSet(null, new IllegalStateException("pure backend: a worker failed", e));
        } finally {
          if (pending.decrementAndGet() == 0 && Thread.currentThread() != caller) {
            LockSupport.unpark(caller);
          }
        }
      }
    };
    int helpers = Math.min(chunks, THREADS) - 1;
    for (int h = 0; h < helpers; h++) {
      WORK.add(loop);
    }
    INSIDE.set(Boolean.TRUE);
    try {
      loop.run();
    } finally {
      INSIDE.set(Boolean.FALSE);
    }
    for (int spins = 0; pending.get() > 0; spins++) {
      if (spins < SPINS) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(PARK_NANOS);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** A half-open range of element indices. */
  interface RangeBody {
    void run(long from, long to);
  }

  /**
   * Splits {@code [0, size)} into contiguous ranges of at least {@code grain} elements and runs them in
   * parallel; a size under twice the grain runs in one call on the calling thread.
   */
  static void forRange(long size, long grain, RangeBody body) {
    long parts = Math.min(THREADS * 4L, size / Math.max(1, grain));
    if (parts <= 1) {
      body.run(0, size);
      return;
    }
    int n = (int) parts;
    forChunks(n, i -> body.run(size * i / n, size * (i + 1) / n));
  }
}
