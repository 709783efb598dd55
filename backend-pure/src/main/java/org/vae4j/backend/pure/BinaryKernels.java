package org.vae4j.backend.pure;

import org.vae4j.api.spi.BinaryOp;

/**
 * Elementwise {@link BinaryOp}s on one run: {@code out[o + i] = op(a[ia + i * sa], b[ib + i * sb])} for
 * {@code i < n}; a stride of 0 repeats a broadcast element. One loop per constant so each inlines.
 * Comparisons give 1 or 0. Unit-stride runs of the arithmetic ops go to {@link ContiguousBinary}, whose loops
 * the JIT vectorizes. Stateless and thread-safe.
 */
final class BinaryKernels {
  private BinaryKernels() {
  }

  static void run(BinaryOp op, float[] a, int ia, int sa, float[] b, int ib, int sb, float[] out, int o, int n) {
    if (sa == 1 && sb <= 1 && ContiguousBinary.run(op, a, ia, b, ib, sb == 0, out, o, n)) {
      return;
    }
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] + b[ib + i * sb]; } }
      case SUB -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] - b[ib + i * sb]; } }
      case MUL -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] * b[ib + i * sb]; } }
      case DIV -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] / b[ib + i * sb]; } }
      case POW -> { for (int i = 0; i < n; i++) { out[o + i] = (float) Math.pow(a[ia + i * sa], b[ib + i * sb]); } }
      case MAX -> { for (int i = 0; i < n; i++) { out[o + i] = Math.max(a[ia + i * sa], b[ib + i * sb]); } }
      case MIN -> { for (int i = 0; i < n; i++) { out[o + i] = Math.min(a[ia + i * sa], b[ib + i * sb]); } }
      case EQ -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] == b[ib + i * sb] ? 1f : 0f; } }
      case NE -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] != b[ib + i * sb] ? 1f : 0f; } }
      case LT -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] < b[ib + i * sb] ? 1f : 0f; } }
      case LE -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] <= b[ib + i * sb] ? 1f : 0f; } }
      case GT -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] > b[ib + i * sb] ? 1f : 0f; } }
      case GE -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] >= b[ib + i * sb] ? 1f : 0f; } }
      default -> throw new UnsupportedOperationException("pure backend: binary " + op + " is not implemented");
    }
  }

  static void run(BinaryOp op, double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int o,
      int n) {
    if (sa == 1 && sb <= 1 && ContiguousBinary.run(op, a, ia, b, ib, sb == 0, out, o, n)) {
      return;
    }
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] + b[ib + i * sb]; } }
      case SUB -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] - b[ib + i * sb]; } }
      case MUL -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] * b[ib + i * sb]; } }
      case DIV -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] / b[ib + i * sb]; } }
      case POW -> { for (int i = 0; i < n; i++) { out[o + i] = Math.pow(a[ia + i * sa], b[ib + i * sb]); } }
      case MAX -> { for (int i = 0; i < n; i++) { out[o + i] = Math.max(a[ia + i * sa], b[ib + i * sb]); } }
      case MIN -> { for (int i = 0; i < n; i++) { out[o + i] = Math.min(a[ia + i * sa], b[ib + i * sb]); } }
      case EQ -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] == b[ib + i * sb] ? 1 : 0; } }
      case NE -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] != b[ib + i * sb] ? 1 : 0; } }
      case LT -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] < b[ib + i * sb] ? 1 : 0; } }
      case LE -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] <= b[ib + i * sb] ? 1 : 0; } }
      case GT -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] > b[ib + i * sb] ? 1 : 0; } }
      case GE -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] >= b[ib + i * sb] ? 1 : 0; } }
      default -> throw new UnsupportedOperationException("pure backend: binary " + op + " is not implemented");
    }
  }

  /** INT32: the arithmetic ops wrap on overflow; DIV and POW are refused. */
  static void run(BinaryOp op, int[] a, int ia, int sa, int[] b, int ib, int sb, int[] out, int o, int n) {
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] + b[ib + i * sb]; } }
      case SUB -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] - b[ib + i * sb]; } }
      case MUL -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] * b[ib + i * sb]; } }
      case MAX -> { for (int i = 0; i < n; i++) { out[o + i] = Math.max(a[ia + i * sa], b[ib + i * sb]); } }
      case MIN -> { for (int i = 0; i < n; i++) { out[o + i] = Math.min(a[ia + i * sa], b[ib + i * sb]); } }
      case EQ -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] == b[ib + i * sb] ? 1 : 0; } }
      case NE -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] != b[ib + i * sb] ? 1 : 0; } }
      case LT -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] < b[ib + i * sb] ? 1 : 0; } }
      case LE -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] <= b[ib + i * sb] ? 1 : 0; } }
      case GT -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] > b[ib + i * sb] ? 1 : 0; } }
      case GE -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i * sa] >= b[ib + i * sb] ? 1 : 0; } }
      default -> throw new IllegalArgumentException("binary " + op + ": INT32 operands accept ADD, SUB, MUL, "
          + "MAX, MIN and the comparisons; cast to FLOAT32 first");
    }
  }
}
