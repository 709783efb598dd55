package org.vae4j.serve.exec;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.vae4j.serve.model.Rows;
import org.vae4j.serve.model.RowSlices;

/**
 * One request's work for the {@link InferenceQueue}. A plain job runs alone; a row-wise job (same
 * {@code mergeKey}, input {@link Rows}, result cut by rows) may run merged with other queued jobs of its key.
 * The future completes with the result, or exceptionally with what the model threw.
 */
public final class Job<T> {
  private final Object mergeKey;
  private final Rows input;
  private final Function<Rows, ? extends RowSlices<T>> rowwise;
  private final java.util.concurrent.Callable<T> plain;
  private final CompletableFuture<T> result = new CompletableFuture<>();

  private Job(Object mergeKey, Rows input, Function<Rows, ? extends RowSlices<T>> rowwise,
      java.util.concurrent.Callable<T> plain) {
    this.mergeKey = mergeKey;
    this.input = input;
    this.rowwise = rowwise;
    this.plain = plain;
  }

  /** A job that runs alone. */
  public static <T> Job<T> of(java.util.concurrent.Callable<T> work) {
    return new Job<>(null, null, null, work);
  }

  /**
   * A job over {@code input} whose result rows depend on their input rows alone, so that jobs with an equal
   * {@code mergeKey} (the same operation on the same model) may run as one batch.
   */
  public static <T> Job<T> rowwise(Object mergeKey, Rows input, Function<Rows, ? extends RowSlices<T>> work) {
    return new Job<>(mergeKey, input, work, null);
  }

  /** The future result. */
  public CompletableFuture<T> result() {
    return result;
  }

  Object mergeKey() {
    return mergeKey;
  }

  Rows input() {
    return input;
  }

  int rows() {
    return input == null ? 1 : input.count();
  }

  /** Runs the plain work. */
  T call() throws Exception {
    return plain.call();
  }

  /** Runs the row-wise work on (possibly merged) rows. */
  RowSlices<T> apply(Rows rows) {
    return rowwise.apply(rows);
  }

  /** True when nobody waits for the result any more (timed out or cancelled): the worker skips it. */
  boolean abandoned() {
    return result.isDone();
  }
}
