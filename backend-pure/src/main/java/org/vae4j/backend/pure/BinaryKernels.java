package org.vae4j.backend.pure;

import org.vae4j.api.spi.BinaryOp;

/**
 * Elementwise {@link BinaryOp}s on one run: {@code out[o + i] = op(a[ia + i * sa], b[ib + i * sb])} for
 * {@code i < n}; a stride of 0 repeats a broadcast element. One loop per constant so each inlines, chosen by
 * an exhaustive switch (a new constant without a loop here does not compile). Comparisons give 1 or 0.
 * FLOAT32 runs of unit or zero strides go to {@link VectorLoops} where it is enabled; unit-stride runs of the
 * arithmetic ops otherwise go to {@link ContiguousBinary}, whose loops the JIT vectorizes.
 * Stateless and thread-safe.
 */
final class BinaryKernels {
  private BinaryKernels() {
  }

  /** One op over one strided run of float arrays. */
  @FunctionalInterface
  interface FloatRun {
    void run(float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int o, int n);
  }

  /** One op over one strided run of double arrays. */
  @FunctionalInterface
  interface DoubleRun {
    void run(double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int o, int n);
  }

  /** One op over one strided run of int arrays. */
  @FunctionalInterface
  interface IntRun {
    void run(int[] a, int ia, int sa, int[] b, int ib, int sb, int[] out, int o, int n);
  }

  /**
   * One FLOAT32 run; {@code vector} is {@link VectorLoops#get()}, read once per op by the caller (it reads a
   * system property, which cost more than a short run's arithmetic).
   */
  static void run(BinaryOp op, VectorLoops vector, float[] a, int ia, int sa, float[] b, int ib, int sb,
      float[] out, int o, int n) {
    if (sa <= 1 && sb <= 1 && (sa | sb) != 0) {
      if (vector != null && vector.binary(op, a, ia, sa == 0, b, ib, sb == 0, out, o, n)) {
        return;
      }
    }
    if (sa == 1 && sb <= 1 && ContiguousBinary.run(op, a, ia, b, ib, sb == 0, out, o, n)) {
      return;
    }
    float32(op).run(a, ia, sa, b, ib, sb, out, o, n);
  }

  /** The scalar loop of {@code op} alone, for the elements a vector loop leaves over. */
  static void scalarRun(BinaryOp op, float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int o,
      int n) {
    float32(op).run(a, ia, sa, b, ib, sb, out, o, n);
  }

  static void run(BinaryOp op, double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int o,
      int n) {
    if (sa == 1 && sb <= 1 && ContiguousBinary.run(op, a, ia, b, ib, sb == 0, out, o, n)) {
      return;
    }
    float64(op).run(a, ia, sa, b, ib, sb, out, o, n);
  }

  /** INT32: the arithmetic ops wrap on overflow; DIV and POW are refused. */
  static void run(BinaryOp op, int[] a, int ia, int sa, int[] b, int ib, int sb, int[] out, int o, int n) {
    int32(op).run(a, ia, sa, b, ib, sb, out, o, n);
  }

  private static FloatRun float32(BinaryOp op) {
    return switch (op) {
      case ADD -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] + b[ib + i * sb]; } };
      case SUB -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] - b[ib + i * sb]; } };
      case MUL -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] * b[ib + i * sb]; } };
      case DIV -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] / b[ib + i * sb]; } };
      case POW -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = (float) Math.pow(a[ia + i * sa], b[ib + i * sb]); } };
      case MAX -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = Math.max(a[ia + i * sa], b[ib + i * sb]); } };
      case MIN -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = Math.min(a[ia + i * sa], b[ib + i * sb]); } };
      case EQ -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] == b[ib + i * sb] ? 1f : 0f; } };
      case NE -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] != b[ib + i * sb] ? 1f : 0f; } };
      case LT -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] < b[ib + i * sb] ? 1f : 0f; } };
      case LE -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] <= b[ib + i * sb] ? 1f : 0f; } };
      case GT -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] > b[ib + i * sb] ? 1f : 0f; } };
      case GE -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] >= b[ib + i * sb] ? 1f : 0f; } };
    };
  }

  private static DoubleRun float64(BinaryOp op) {
    return switch (op) {
      case ADD -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] + b[ib + i * sb]; } };
      case SUB -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] - b[ib + i * sb]; } };
      case MUL -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] * b[ib + i * sb]; } };
      case DIV -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] / b[ib + i * sb]; } };
      case POW -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = Math.pow(a[ia + i * sa], b[ib + i * sb]); } };
      case MAX -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = Math.max(a[ia + i * sa], b[ib + i * sb]); } };
      case MIN -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = Math.min(a[ia + i * sa], b[ib + i * sb]); } };
      case EQ -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] == b[ib + i * sb] ? 1 : 0; } };
      case NE -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] != b[ib + i * sb] ? 1 : 0; } };
      case LT -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] < b[ib + i * sb] ? 1 : 0; } };
      case LE -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] <= b[ib + i * sb] ? 1 : 0; } };
      case GT -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] > b[ib + i * sb] ? 1 : 0; } };
      case GE -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] >= b[ib + i * sb] ? 1 : 0; } };
    };
  }

  private static IntRun int32(BinaryOp op) {
    return switch (op) {
      case ADD -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] + b[ib + i * sb]; } };
      case SUB -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] - b[ib + i * sb]; } };
      case MUL -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] * b[ib + i * sb]; } };
      case MAX -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = Math.max(a[ia + i * sa], b[ib + i * sb]); } };
      case MIN -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = Math.min(a[ia + i * sa], b[ib + i * sb]); } };
      case EQ -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] == b[ib + i * sb] ? 1 : 0; } };
      case NE -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] != b[ib + i * sb] ? 1 : 0; } };
      case LT -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] < b[ib + i * sb] ? 1 : 0; } };
      case LE -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] <= b[ib + i * sb] ? 1 : 0; } };
      case GT -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] > b[ib + i * sb] ? 1 : 0; } };
      case GE -> (a, ia, sa, b, ib, sb, out, o, n) -> {
        for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] >= b[ib + i * sb] ? 1 : 0; } };
      case DIV, POW -> throw new IllegalArgumentException("binary " + op + ": INT32 operands accept ADD, SUB, MUL, "
          + "MAX, MIN and the comparisons; cast to FLOAT32 first");
    };
  }
}
