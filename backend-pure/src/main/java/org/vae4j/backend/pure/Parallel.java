package org.vae4j.backend.pure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs independent chunks of work on a shared pool of daemon threads, one fewer than the available
 * processors, with the calling thread working too. A call made from inside a pool thread runs its chunks
 * sequentially, as does one made by the caller while it works on chunks, so nested parallel ops never
 * deadlock or oversubscribe. Thread-safe.
 */
final class Parallel {
  private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final ExecutorService POOL = THREADS > 1 ? Executors.newFixedThreadPool(THREADS - 1, r -> {
    Thread t = new Worker(r);
    t.setDaemon(true);
    return t;
  }) : null;
  private static final AtomicInteger WORKER_IDS = new AtomicInteger();
  private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

  /** Elementwise ops and reductions smaller than this run on the calling thread alone. */
  static final int ELEMENTWISE_GRAIN = 1 << 16;

  private Parallel() {
  }

  private static final class Worker extends Thread {
    Worker(Runnable r) {
      super(r, "vae4j-pure-" + WORKER_IDS.incrementAndGet());
    }
  }

  /** Threads that may work at once, the caller included. */
  static int threads() {
    return THREADS;
  }

  /** Runs {@code body} for every chunk in {@code [0, chunks)}, in parallel where worthwhile. */
  static void forChunks(int chunks, IntConsumer body) {
    if (chunks <= 1 || POOL == null || Thread.currentThread() instanceof Worker || INSIDE.get()) {
      for (int i = 0; i < chunks; i++) {
        body.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable loop = () -> {
      for (int i = next.getAndIncrement(); i < chunks; i = next.getAndIncrement()) {
        body.accept(i);
      }
    };
    int helpers = Math.min(chunks, THREADS) - 1;
    List<Future<?>> futures = new ArrayList<>(helpers);
    for (int h = 0; h < helpers; h++) {
      futures.add(POOL.submit(loop));
    }
    RuntimeException failure = null;
    INSIDE.set(Boolean.TRUE);
    try {
      loop.run();
    } catch (RuntimeException e) {
      failure = e;
      next.set(chunks);
    } finally {
      INSIDE.set(Boolean.FALSE);
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("pure backend: interrupted while waiting for worker threads", e);
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
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
