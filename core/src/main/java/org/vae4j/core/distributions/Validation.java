package org.vae4j.core.distributions;

import org.vae4j.api.Tensor;
import org.vae4j.core.Scope;
import org.vae4j.core.autodiff.NoGrad;

/**
 * Argument validation of the distributions: the one global switch, and the checks themselves.
 *
 * <p>Validation is on by default. A check costs one reduction and one {@code item()} (a host read) when the
 * values are valid; only when they are not are the values read in full to name the first offender. Turning
 * it off ({@link #setEnabled(boolean) setEnabled(false)}) skips every check, for speed, in all threads.
 * Thread-safe.
 */
public final class Validation {
  private static volatile boolean enabled = true;

  private Validation() {
  }

  /** True when distributions check their parameters and the values given to {@code logProb}. */
  public static boolean isEnabled() {
    return enabled;
  }

  /** Turns validation on or off for every thread; returns the previous setting. */
  public static boolean setEnabled(boolean on) {
    boolean previous = enabled;
    enabled = on;
    return previous;
  }

  /** Checks {@code values > 0} elementwise (NaN fails). */
  public static void positive(String family, String name, Tensor values) {
    if (enabled) {
      try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
        Tensor v = values; // NoGrad: nothing is recorded, so no detached copy is needed
        check(family, name, v.gt(zeroLike(v)), v, "> 0");
      }
    }
  }

  /** Checks {@code 0 <= values <= 1} elementwise (NaN fails). */
  public static void unitInterval(String family, String name, Tensor values) {
    if (enabled) {
      try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
        Tensor v = values; // NoGrad: nothing is recorded, so no detached copy is needed
        check(family, name, v.ge(zeroLike(v)).mul(v.le(zeroLike(v).add(1.0))), v, "in [0, 1]");
      }
    }
  }

  /**
   * Fails unless every element of {@code ok} is nonzero, naming the first offending element of
   * {@code values} (which has {@code ok}'s shape or broadcasts to it). Callers check {@link #isEnabled()}.
   *
   * @param requirement what a valid value is, as in "must be {@code > 0}"
   * @throws IllegalArgumentException {@code Normal: scale must be > 0, got -1.0 at index 3}
   */
  public static void check(String family, String name, Tensor ok, Tensor values, String requirement) {
    try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
      Tensor okF = ok.dtype().isFloatingPoint() ? ok : ok.cast(values.dtype().isFloatingPoint()
          ? values.dtype() : org.vae4j.api.DType.FLOAT32);
      if (okF.size() == 0 || okF.min().item() != 0.0) {
        return;
      }
      Tensor vals = values.shape().equals(okF.shape()) ? values : values.expand(okF.shape());
      double[] okHost = okF.toDoubleArray();
      double[] valHost = vals.toDoubleArray();
      int i = 0;
      while (okHost[i] != 0.0) {
        i++;
      }
      throw new IllegalArgumentException(family + ": " + name + " must be " + requirement + ", got "
          + valHost[i] + " at index " + index(okF.shape().dims(), i));
    }
  }

  /** Fails with "family: message" when {@code condition} is false (for host-side checks). */
  static void require(boolean condition, String family, String message) {
    if (!condition) {
      throw new IllegalArgumentException(family + ": " + message);
    }
  }

  private static Tensor zeroLike(Tensor t) {
    return t.factory().scalar(0.0, t.dtype());
  }

  /** The flat index for rank <= 1, else the index tuple {@code (i, j, ...)}. */
  private static String index(int[] dims, int flat) {
    if (dims.length <= 1) {
      return Integer.toString(flat);
    }
    int[] idx = new int[dims.length];
    int rest = flat;
    for (int a = dims.length - 1; a >= 0; a--) {
      idx[a] = rest % dims[a];
      rest /= dims[a];
    }
    StringBuilder b = new StringBuilder("(");
    for (int a = 0; a < idx.length; a++) {
      b.append(a == 0 ? "" : ", ").append(idx[a]);
    }
    return b.append(')').toString();
  }
}
