package org.vae4j.backend.pure;

import org.vae4j.api.DType;

/** Allocation (through the {@link ArrayPool}) and conversion of the three element arrays, chosen by dtype. */
final class TypedArrays {
  private TypedArrays() {
  }

  /** An array of {@code n} zeros (from the {@link ArrayPool}, filled). */
  static Object allocate(DType dtype, int n) {
    return ArrayPool.zeroed(dtype, n);
  }

  /** An array of {@code n} elements with arbitrary contents, for a kernel that writes every one. */
  static Object uninitialized(DType dtype, int n) {
    return ArrayPool.allocate(dtype, n);
  }

  /** An array of {@code n} elements equal to {@code value} (truncated toward zero for INT32). */
  static Object filled(DType dtype, int n, double value) {
    Object a = ArrayPool.allocate(dtype, n);
    switch (dtype) {
      case FLOAT32 -> java.util.Arrays.fill((float[]) a, (float) value);
      case FLOAT64 -> java.util.Arrays.fill((double[]) a, value);
      case INT32 -> java.util.Arrays.fill((int[]) a, (int) value);
    }
    return a;
  }

  static float[] toFloats(Object src) {
    if (src instanceof float[] f) {
      return f.clone();
    }
    int n = java.lang.reflect.Array.getLength(src);
    float[] r = new float[n];
    if (src instanceof double[] d) {
      for (int i = 0; i < n; i++) {
        r[i] = (float) d[i];
      }
    } else {
      int[] s = (int[]) src;
      for (int i = 0; i < n; i++) {
        r[i] = s[i];
      }
    }
    return r;
  }

  static double[] toDoubles(Object src) {
    if (src instanceof double[] d) {
      return d.clone();
    }
    int n = java.lang.reflect.Array.getLength(src);
    double[] r = new double[n];
    if (src instanceof float[] f) {
      for (int i = 0; i < n; i++) {
        r[i] = f[i];
      }
    } else {
      int[] s = (int[]) src;
      for (int i = 0; i < n; i++) {
        r[i] = s[i];
      }
    }
    return r;
  }

  /** Elements as int, floats truncated toward zero (NaN gives 0, out-of-range values saturate). */
  static int[] toInts(Object src) {
    if (src instanceof int[] s) {
      return s.clone();
    }
    int n = java.lang.reflect.Array.getLength(src);
    int[] r = new int[n];
    if (src instanceof float[] f) {
      for (int i = 0; i < n; i++) {
        r[i] = (int) f[i];
      }
    } else {
      double[] d = (double[]) src;
      for (int i = 0; i < n; i++) {
        r[i] = (int) d[i];
      }
    }
    return r;
  }

  /** {@code src} converted to {@code dtype}; always a new array. */
  static Object convert(Object src, DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> toFloats(src);
      case FLOAT64 -> toDoubles(src);
      case INT32 -> toInts(src);
    };
  }

  /** Nonzero elements of any of the three arrays, as flags. */
  static boolean[] nonZero(Object src) {
    int n = java.lang.reflect.Array.getLength(src);
    boolean[] r = new boolean[n];
    if (src instanceof float[] f) {
      for (int i = 0; i < n; i++) {
        r[i] = f[i] != 0;
      }
    } else if (src instanceof double[] d) {
      for (int i = 0; i < n; i++) {
        r[i] = d[i] != 0;
      }
    } else {
      int[] s = (int[]) src;
      for (int i = 0; i < n; i++) {
        r[i] = s[i] != 0;
      }
    }
    return r;
  }
}
