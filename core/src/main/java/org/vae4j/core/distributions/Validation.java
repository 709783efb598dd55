package org.vae4j.core.distributions;

import org.vae4j.api.DType;
import org.vae4j.api.Shape;
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

  /** Checks that no element is NaN or infinite. */
  public static void finite(String family, String name, Tensor values) {
    if (enabled) {
      try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
        check(family, name, isFinite(values), values, "finite");
      }
    }
  }

  /** Checks {@code values > 0} and finite elementwise: "> 0" is reported before "finite". */
  public static void positiveFinite(String family, String name, Tensor values) {
    positive(family, name, values);
    finite(family, name, values);
  }

  /** Checks {@code values >= 0} elementwise (NaN fails). */
  public static void nonNegative(String family, String name, Tensor values) {
    if (enabled) {
      try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
        check(family, name, values.ge(zeroLike(values)), values, ">= 0");
      }
    }
  }

  /** 1 where {@code values} is neither NaN nor infinite, else 0 (no gradient). */
  static Tensor isFinite(Tensor values) {
    Tensor v = values.detach();
    return v.abs().lt(v.factory().scalar(Double.POSITIVE_INFINITY, v.dtype()));
  }

  /**
   * The flat index of the first zero element of {@code ok}, or -1 when there is none (one reduction and one
   * host read when all pass).
   */
  static int firstFailure(Tensor ok) {
    try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
      Tensor okF = ok.dtype().isFloatingPoint() ? ok : ok.cast(DType.FLOAT32);
      if (okF.size() == 0 || okF.min().item() != 0.0) {
        return -1;
      }
      double[] host = okF.toDoubleArray();
      int i = 0;
      while (host[i] != 0.0) {
        i++;
      }
      return i;
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
    int i = firstFailure(ok);
    if (i < 0) {
      return;
    }
    throw new IllegalArgumentException(family + ": " + name + " must be " + requirement + ", got "
        + valueAt(values, ok.shape(), i) + " at index " + index(ok.shape().dims(), i));
  }

  /** Element {@code flat} of {@code values} broadcast to {@code shape}, read to the host. */
  static double valueAt(Tensor values, Shape shape, int flat) {
    try (Scope s = Scope.open(); NoGrad ng = NoGrad.enter()) {
      Tensor vals = values.shape().equals(shape) ? values : values.expand(shape);
      return vals.toDoubleArray()[flat];
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
  static String index(int[] dims, int flat) {
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
