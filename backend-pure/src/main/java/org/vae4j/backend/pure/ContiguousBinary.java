package org.vae4j.backend.pure;

import org.vae4j.api.spi.BinaryOp;

/**
 * The arithmetic {@link BinaryOp}s on unit-stride runs, {@code out[o + i] = op(a[ia + i], b[ib + i])}, or with
 * {@code b[ib]} repeated when {@code scalarB}: loops simple enough for C2's superword vectorizer, which the
 * strided loops of {@link BinaryKernels} defeat. Same results as the strided loops, element for element.
 * Stateless and thread-safe.
 */
final class ContiguousBinary {
  private ContiguousBinary() {
  }

  /** Runs {@code op} and returns true, or returns false (doing nothing) for ops without a fast loop here. */
  static boolean run(BinaryOp op, float[] a, int ia, float[] b, int ib, boolean scalarB, float[] out, int o, int n) {
    if (scalarB) {
      float c = b[ib];
      switch (op) {
        case ADD -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] + c; } }
        case SUB -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] - c; } }
        case MUL -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] * c; } }
        case DIV -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] / c; } }
        case MAX -> { for (int i = 0; i < n; i++) { out[o + i] = Math.max(a[ia + i], c); } }
        case MIN -> { for (int i = 0; i < n; i++) { out[o + i] = Math.min(a[ia + i], c); } }
        default -> { return false; }
      }
      return true;
    }
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] + b[ib + i]; } }
      case SUB -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] - b[ib + i]; } }
      case MUL -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] * b[ib + i]; } }
      case DIV -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] / b[ib + i]; } }
      case MAX -> { for (int i = 0; i < n; i++) { out[o + i] = Math.max(a[ia + i], b[ib + i]); } }
      case MIN -> { for (int i = 0; i < n; i++) { out[o + i] = Math.min(a[ia + i], b[ib + i]); } }
      default -> { return false; }
    }
    return true;
  }

  /** FLOAT64 twin of {@link #run(BinaryOp, float[], int, float[], int, boolean, float[], int, int)}. */
  static boolean run(BinaryOp op, double[] a, int ia, double[] b, int ib, boolean scalarB, double[] out, int o,
      int n) {
    if (scalarB) {
      double c = b[ib];
      switch (op) {
        case ADD -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] + c; } }
        case SUB -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] - c; } }
        case MUL -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] * c; } }
        case DIV -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] / c; } }
        case MAX -> { for (int i = 0; i < n; i++) { out[o + i] = Math.max(a[ia + i], c); } }
        case MIN -> { for (int i = 0; i < n; i++) { out[o + i] = Math.min(a[ia + i], c); } }
        default -> { return false; }
      }
      return true;
    }
    switch (op) {
      case ADD -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] + b[ib + i]; } }
      case SUB -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] - b[ib + i]; } }
      case MUL -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] * b[ib + i]; } }
      case DIV -> { for (int i = 0; i < n; i++) { out[o + i] = a[ia + i] / b[ib + i]; } }
      case MAX -> { for (int i = 0; i < n; i++) { out[o + i] = Math.max(a[ia + i], b[ib + i]); } }
      case MIN -> { for (int i = 0; i < n; i++) { out[o + i] = Math.min(a[ia + i], b[ib + i]); } }
      default -> { return false; }
    }
    return true;
  }
}
