package org.vae4j.serve.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.RowSlices;

/**
 * A bounded queue of {@link Job}s and the worker threads that run them on one shared model.
 *
 * <p><b>Threads and memory.</b> Each worker runs each batch inside its own {@link Scope} and {@link NoGrad}
 * block: scopes are thread-confined, so the tensors of one request never meet another's, and every tensor a
 * request made is closed when its batch ends. Results leave as host arrays. The model's weights are shared
 * read-only by all workers.
 *
 * <p><b>Batching.</b> A worker that takes a row-wise job also takes the queued jobs with the same merge key,
 * up to {@code maxBatchRows} rows in all, and runs them as one batch. Nothing waits for a batch to fill:
 * an idle server runs each request at once, and batches form only when requests queue up, which is when
 * one larger batch beats several small ones.
 *
 * <p><b>Bounds.</b> {@link #submit} refuses a job with {@link QueueFullException} when {@code capacity} jobs
 * are waiting. A job whose future is already complete (its caller timed out) is skipped.
 */
public final class InferenceQueue implements AutoCloseable {
  private final ArrayDeque<Job<?>> waiting = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nonEmpty = lock.newCondition();
  private final int capacity;
  private final int maxBatchRows;
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong batchedJobs = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private boolean closed;

  /**
   * Starts {@code workers} daemon threads named {@code vae4j-serve-worker-N}.
   *
   * @param capacity     jobs that may wait (not counting those running)
   * @param maxBatchRows most rows one merged batch may hold; 1 turns batching off
   */
  public InferenceQueue(int workers, int capacity, int maxBatchRows) {
    if (workers < 1 || capacity < 1 || maxBatchRows < 1) {
      throw new IllegalArgumentException("InferenceQueue: workers, capacity and maxBatchRows must be >= 1, got "
          + workers + ", " + capacity + " and " + maxBatchRows);
    }
    this.capacity = capacity;
    this.maxBatchRows = maxBatchRows;
    for (int i = 0; i < workers; i++) {
      Thread t = new Thread(this::work, "vae4j-serve-worker-" + i);
      t.setDaemon(true);
      t.start();
      this.workers.add(t);
    }
  }

  /**
   * Queues {@code job}; returns its future.
   *
   * @throws QueueFullException when {@code capacity} jobs are waiting
   * @throws IllegalStateException after {@link #close}
   */
  public <T> java.util.concurrent.CompletableFuture<T> submit(Job<T> job) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the inference queue is closed; the server is stopping");
      }
      if (waiting.size() >= capacity) {
        rejected.incrementAndGet();
        throw new QueueFullException(capacity);
      }
      waiting.addLast(job);
      nonEmpty.signal();
    } finally {
      lock.unlock();
    }
    return job.result();
  }

  /** Jobs waiting now. */
  public int depth() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /** The most jobs that may wait. */
  public int capacity() {
    return capacity;
  }

  /** The most rows of one merged batch. */
  public int maxBatchRows() {
    return maxBatchRows;
  }

  /** Worker threads. */
  public int workers() {
    return workers.size();
  }

  /** Batches run so far (a lone job is a batch of one). */
  public long batches() {
    return batches.get();
  }

  /** Jobs run so far; divided by {@link #batches()}, the mean number of requests per batch. */
  public long batchedJobs() {
    return batchedJobs.get();
  }

  /** Jobs refused because the queue was full. */
  public long rejected() {
    return rejected.get();
  }

  private void work() {
    while (true) {
      List<Job<?>> batch = take();
      if (batch == null) {
        return;
      }
      batches.incrementAndGet();
      batchedJobs.addAndGet(batch.size());
      if (batch.get(0).mergeKey() == null) {
        runPlain(batch.get(0));
      } else {
        runMerged(batch);
      }
    }
  }

  /** The next job and the queued jobs that merge with it; null once closed and drained. */
  private List<Job<?>> take() {
    lock.lock();
    try {
      while (true) {
        Job<?> first = waiting.pollFirst();
        if (first == null) {
          if (closed) {
            return null;
          }
          nonEmpty.awaitUninterruptibly();
          continue;
        }
        if (first.abandoned()) {
          continue;
        }
        List<Job<?>> batch = new ArrayList<>();
        batch.add(first);
        if (first.mergeKey() != null) {
          int rows = first.rows();
          for (Iterator<Job<?>> it = waiting.iterator(); it.hasNext() && rows < maxBatchRows; ) {
            Job<?> j = it.next();
            if (first.mergeKey().equals(j.mergeKey()) && rows + j.rows() <= maxBatchRows) {
              it.remove();
              if (!j.abandoned()) {
                batch.add(j);
                rows += j.rows();
              }
            }
          }
        }
        return batch;
      }
    } finally {
      lock.unlock();
    }
  }

  private static <T> void runPlain(Job<T> job) {
    try (NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      job.result().complete(job.call());
    } catch (Throwable e) {
      job.result().completeExceptionally(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void runMerged(List<Job<?>> batch) {
    Job<Object> head = (Job<Object>) batch.get(0);
    try (NoGrad ignored = NoGrad.enter(); Scope s = Scope.open()) {
      List<Rows> inputs = new ArrayList<>(batch.size());
      for (Job<?> j : batch) {
        inputs.add(j.input());
      }
      RowSlices<Object> out = head.apply(Rows.concat(inputs));
      int from = 0;
      for (Job<?> j : batch) {
        ((Job<Object>) j).result().complete(out.rows(from, from + j.rows()));
        from += j.rows();
      }
    } catch (Throwable e) {
      if (batch.size() == 1) {
        head.result().completeExceptionally(e);
        return;
      }
      for (Job<?> j : batch) {   // one request's bad rows must not fail the others: run each alone
        runMerged(List.of(j));
      }
    }
  }

  /** Stops taking jobs; queued ones still run; waits up to 10 s for the workers to finish. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      nonEmpty.signalAll();
    } finally {
      lock.unlock();
    }
    for (Thread t : workers) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
