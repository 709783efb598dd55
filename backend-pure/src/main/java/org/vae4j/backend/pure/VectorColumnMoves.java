package org.vae4j.backend.pure;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API moves of pure's im2col ({@link Im2col}): gathering a column-matrix row through its offset
 * table, and copying or adding a shifted plane as contiguous vectors masked at the padding; the contracts are
 * {@link VectorLoops#gather}, {@link VectorLoops#maskedCopy} and {@link VectorLoops#maskedAdd}, which
 * {@link VectorFloatLoops} implements with these. Loaded only with it, when {@code jdk.incubator.vector} is
 * present. Stateless and thread-safe.
 */
final class VectorColumnMoves {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int V = S.length();

  private VectorColumnMoves() {
  }

  static void gather(float[] x, int base, int[] index, boolean[] pad, int from, float[] out, int o, int n) {
    int i = 0;
    for (int end = n - V; i <= end; i += V) {
      FloatVector.fromArray(S, x, base, index, from + i).blend(0f, VectorMask.fromArray(S, pad, from + i))
          .intoArray(out, o + i);
    }
    for (; i < n; i++) {
      out[o + i] = pad[from + i] ? 0f : x[base + index[from + i]];
    }
  }

  static void maskedCopy(float[] x, int at, boolean[] pad, int from, float[] out, int o, int n) {
    for (int i = 0; i < n; i++) {
      if (i + V <= n && at + i >= 0 && at + i + V <= x.length) {
        FloatVector.fromArray(S, x, at + i).blend(0f, VectorMask.fromArray(S, pad, from + i)).intoArray(out, o + i);
        i += V - 1;
      } else {
        out[o + i] = pad[from + i] ? 0f : x[at + i];
      }
    }
  }

  static void maskedAdd(float[] cols, int c, boolean[] pad, int from, float[] x, int at, int lo, int hi, int n) {
    for (int i = 0; i < n; i++) {
      if (i + V <= n && at + i >= lo && at + i + V <= hi) {
        FloatVector xi = FloatVector.fromArray(S, x, at + i);
        xi.add(FloatVector.fromArray(S, cols, c + i)).blend(xi, VectorMask.fromArray(S, pad, from + i))
            .intoArray(x, at + i);
        i += V - 1;
      } else if (!pad[from + i]) {
        x[at + i] += cols[c + i];
      }
    }
  }
}
