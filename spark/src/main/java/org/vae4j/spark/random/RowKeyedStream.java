package org.vae4j.spark.random;

import org.vae4j.api.RandomStream;
import org.vae4j.core.random.PhiloxStream;

/**
 * A {@link RandomStream} for a batch of N rows in which every row draws from its own Philox stream, keyed by
 * the row (for scoring: seed and row id; for training: seed, step and the example's global index). A request
 * for {@code n = N * m} numbers returns them row-major as {@code (N, m)}: row i's m numbers are the next m of
 * row i's stream. So a row's noise does not depend on which other rows share its batch, on the batch size or
 * on the partitioning, as long as the model draws per-example noise laid out batch-first (the
 * reparameterisation noise of a VAE, the local reparameterisation of Bayes by Backprop).
 *
 * <p>A request that is not a whole number per row, {@link #nextInt} and {@link #split} have no per-row
 * meaning and throw {@link IllegalStateException}. Not thread-safe.
 */
public final class RowKeyedStream implements RandomStream {
  private final PhiloxStream[] rows;

  private RowKeyedStream(long[] keys) {
    if (keys.length == 0) {
      throw new IllegalArgumentException("RowKeyedStream: a batch needs at least one row");
    }
    rows = new PhiloxStream[keys.length];
    for (int i = 0; i < keys.length; i++) {
      rows[i] = PhiloxStream.seeded(keys[i]);
    }
  }

  /** A stream over rows with these keys (see {@link #key}). */
  public static RowKeyedStream of(long[] keys) {
    return new RowKeyedStream(keys);
  }

  /** The stream of one row: what a batch of one gives. */
  public static PhiloxStream row(long key) {
    return PhiloxStream.seeded(key);
  }

  /** A 64-bit key of {@code seed} and {@code parts} (SplitMix64's finalizer, folded part by part). */
  public static long key(long seed, long... parts) {
    long h = mix(seed ^ 0x632BE59BD9B4E019L);
    for (long p : parts) {
      h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Rows N. */
  public int rows() {
    return rows.length;
  }

  private int perRow(int n, String what) {
    if (n % rows.length != 0) {
      throw new IllegalStateException("RowKeyedStream: " + n + " " + what + " for a batch of " + rows.length
          + " rows is not a whole number per row; this model draws noise that is not per example, so it cannot"
          + " be keyed by row");
    }
    return n / rows.length;
  }

  @Override
  public float[] uniformFloats(int n) {
    int m = perRow(n, "uniform floats");
    float[] out = new float[n];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i].uniformFloats(m), 0, out, i * m, m);
    }
    return out;
  }

  @Override
  public double[] uniformDoubles(int n) {
    return perRowDoubles(n, "uniform doubles", PhiloxStream::uniformDoubles);
  }

  @Override
  public double[] normalDoubles(int n) {
    return perRowDoubles(n, "normal doubles", PhiloxStream::normalDoubles);
  }

  /** Row i's {@code n / N} draws of {@code draw}, row after row. */
  private double[] perRowDoubles(int n, String what, java.util.function.BiFunction<PhiloxStream, Integer, double[]> draw) {
    int m = perRow(n, what);
    double[] out = new double[n];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(draw.apply(rows[i], m), 0, out, i * m, m);
    }
    return out;
  }

  @Override
  public int nextInt(int bound) {
    throw new IllegalStateException("RowKeyedStream: nextInt has no per-row meaning; this model draws a number"
        + " for the whole batch, which cannot be keyed by row");
  }

  @Override
  public RandomStream split() {
    throw new IllegalStateException("RowKeyedStream: split has no per-row meaning; this model splits its noise"
        + " stream, which cannot be keyed by row");
  }
}
