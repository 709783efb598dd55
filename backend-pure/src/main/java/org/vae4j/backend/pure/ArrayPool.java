package org.vae4j.backend.pure;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.vae4j.api.DType;

/**
 * The arrays of closed buffers, kept for the next buffers of the same element type and length: a training
 * step frees and makes the same buffers step after step, so its arrays are reused instead of allocated,
 * zeroed and collected again, and the most recently freed one, still in cache, is handed out first.
 *
 * <p>{@link #allocate} gives an array whose contents are arbitrary (for kernels that write every element);
 * {@link #zeroed} one filled with zeros. Only arrays of at least {@value #MIN_LENGTH} elements are kept, at
 * most {@value #PER_LENGTH} of each length and {@link #LIMIT_BYTES} in all (an eighth of the maximum heap,
 * at most 1 GiB); beyond that a released array is left to the garbage collector, so the pool never holds
 * more than a bounded amount and a long run's heap stays flat. The system property {@value #PROPERTY} set to
 * {@code false} turns it off (read at each allocation, so that one JVM can compare both). Thread-safe: a buffer may be closed on another thread (the
 * tensors' safety net) than the one computing.
 *
 * <p>Correctness rests on {@link PureBuffer}'s rules: each buffer owns its array alone and gives it back
 * exactly once, when closed; no kernel keeps an input's array in its result.
 */
final class ArrayPool {
  /** System property that, set to {@code false}, turns pooling off. */
  static final String PROPERTY = "vae4j.pure.pool";
  /**
   * System property that, set to {@code true}, fills every array handed out with arbitrary contents with NaN
   * (or {@link Integer#MIN_VALUE}): the backend's tests run with it, so a kernel that reads an element it did
   * not write fails them instead of depending on what an earlier buffer left behind. Read once.
   */
  static final String POISON_PROPERTY = "vae4j.pure.pool.poison";
  private static final boolean POISON = Boolean.getBoolean(POISON_PROPERTY);
  static final int MIN_LENGTH = 4096;
  static final int PER_LENGTH = 32;
  static final long LIMIT_BYTES = Math.min(Runtime.getRuntime().maxMemory() / 8, 1L << 30);

  private static final Map<Integer, ArrayDeque<float[]>> FLOATS = new HashMap<>();
  private static final Map<Integer, ArrayDeque<double[]>> DOUBLES = new HashMap<>();
  private static final Map<Integer, ArrayDeque<int[]>> INTS = new HashMap<>();
  private static long pooledBytes;

  private ArrayPool() {
  }

  /** An array of {@code n} elements of {@code dtype} with arbitrary contents. */
  static Object allocate(DType dtype, int n) {
    return switch (dtype) {
      case FLOAT32 -> floats(n);
      case FLOAT64 -> doubles(n);
      case INT32 -> ints(n);
    };
  }

  /** An array of {@code n} zeros of {@code dtype}. */
  static Object zeroed(DType dtype, int n) {
    Object a = allocate(dtype, n);
    switch (dtype) {
      case FLOAT32 -> java.util.Arrays.fill((float[]) a, 0f);
      case FLOAT64 -> java.util.Arrays.fill((double[]) a, 0.0);
      case INT32 -> java.util.Arrays.fill((int[]) a, 0);
    }
    return a;
  }

  static float[] floats(int n) {
    float[] a = n >= MIN_LENGTH && enabled() ? take(FLOATS, n, 4L * n) : null;
    a = a != null ? a : new float[n];
    if (POISON) {
      java.util.Arrays.fill(a, Float.NaN);
    }
    return a;
  }

  static double[] doubles(int n) {
    double[] a = n >= MIN_LENGTH && enabled() ? take(DOUBLES, n, 8L * n) : null;
    a = a != null ? a : new double[n];
    if (POISON) {
      java.util.Arrays.fill(a, Double.NaN);
    }
    return a;
  }

  static int[] ints(int n) {
    int[] a = n >= MIN_LENGTH && enabled() ? take(INTS, n, 4L * n) : null;
    a = a != null ? a : new int[n];
    if (POISON) {
      java.util.Arrays.fill(a, Integer.MIN_VALUE);
    }
    return a;
  }

  /** Takes back the array of a closed buffer; it must never be used again by its former owner. */
  static void release(Object array) {
    if (!enabled()) {
      return;
    }
    if (array instanceof float[] f && f.length >= MIN_LENGTH) {
      give(FLOATS, f, f.length, 4L * f.length);
    } else if (array instanceof double[] d && d.length >= MIN_LENGTH) {
      give(DOUBLES, d, d.length, 8L * d.length);
    } else if (array instanceof int[] i && i.length >= MIN_LENGTH) {
      give(INTS, i, i.length, 4L * i.length);
    }
  }

  private static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
  }

  /** Bytes held now, for tests and benchmarks. */
  static synchronized long pooledBytes() {
    return pooledBytes;
  }

  private static synchronized <T> T take(Map<Integer, ArrayDeque<T>> pool, int n, long bytes) {
    ArrayDeque<T> free = pool.get(n);
    T a = free == null ? null : free.pollFirst();
    if (a != null) {
      pooledBytes -= bytes;
    }
    return a;
  }

  private static synchronized <T> void give(Map<Integer, ArrayDeque<T>> pool, T array, int n, long bytes) {
    if (pooledBytes + bytes > LIMIT_BYTES) {
      return;
    }
    ArrayDeque<T> free = pool.computeIfAbsent(n, k -> new ArrayDeque<>());
    if (free.size() < PER_LENGTH) {
      free.addFirst(array);
      pooledBytes += bytes;
    }
  }
}
