package org.vae4j.backend.pure;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * FLOAT64 {@link Gemm} on the JDK Vector API, in the style of BLIS: per tile of C and per block of
 * {@link #KC} along k, A is packed into slivers of {@link #MR} rows and B into panels of two vectors'
 * width; a 4 x 2-vector register-blocked micro-kernel keeps eight accumulators across the block.
 * Only loaded when {@code jdk.incubator.vector} is present (see {@link Gemms}). Thread-safe; each
 * thread packs into its own scratch arrays.
 */
final class VectorDgemm {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  static final int MR = 4;
  static final int NR = 2 * V;
  static final int KC = 256;
  static final int MC = 128;
  static final int NC = 1024;
  private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {
      new double[MC * KC], new double[KC * NC], new double[MR * NR]});

  private VectorDgemm() {
  }

  static void dgemm(int m, int n, int k, double[] a, int aOff, int aRs, int aCs, double[] b, int bOff, int bRs,
      int bCs, double[] c, int cOff, int ldc) {
    GemmTiles tiles = GemmTiles.of(m, n, k, MR, NR, MC, NC);
    Parallel.forChunks(tiles.count(), t -> {
      double[][] scratch = SCRATCH.get();
      for (int i0 = tiles.rowStart(t); i0 < tiles.rowEnd(t); i0 += MC) {
        int mc = Math.min(MC, tiles.rowEnd(t) - i0);
        for (int j0 = tiles.colStart(t); j0 < tiles.colEnd(t); j0 += NC) {
          int nc = Math.min(NC, tiles.colEnd(t) - j0);
          for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            packA(a, aOff + i0 * aRs + p0 * aCs, aRs, aCs, mc, kc, scratch[0]);
            packB(b, bOff + p0 * bRs + j0 * bCs, bRs, bCs, kc, nc, scratch[1]);
            block(mc, nc, kc, scratch[0], scratch[1], c, cOff + i0 * ldc + j0, ldc, scratch[2]);
          }
        }
      }
    });
  }

  /** Slivers of MR rows: {@code ap[(s * kc + p) * MR + r] = A(s * MR + r, p)}, zero past the last row. */
  private static void packA(double[] a, int off, int rs, int cs, int mc, int kc, double[] ap) {
    for (int s = 0; s * MR < mc; s++) {
      int rows = Math.min(MR, mc - s * MR);
      int dst = s * kc * MR;
      for (int p = 0; p < kc; p++) {
        int src = off + s * MR * rs + p * cs;
        for (int r = 0; r < MR; r++) {
          ap[dst++] = r < rows ? a[src + r * rs] : 0.0;
        }
      }
    }
  }

  /** Panels of NR columns: {@code bp[(q * kc + p) * NR + j] = B(p, q * NR + j)}, zero past the last column. */
  private static void packB(double[] b, int off, int rs, int cs, int kc, int nc, double[] bp) {
    for (int q = 0; q * NR < nc; q++) {
      int cols = Math.min(NR, nc - q * NR);
      int dst = q * kc * NR;
      for (int p = 0; p < kc; p++) {
        int src = off + p * rs + q * NR * cs;
        if (cs == 1 && cols == NR) {
          System.arraycopy(b, src, bp, dst, NR);
          dst += NR;
          continue;
        }
        for (int j = 0; j < NR; j++) {
          bp[dst++] = j < cols ? b[src + j * cs] : 0.0;
        }
      }
    }
  }

  private static void block(int mc, int nc, int kc, double[] ap, double[] bp, double[] c, int cOff, int ldc,
      double[] edge) {
    for (int q = 0; q * NR < nc; q++) {
      int cols = Math.min(NR, nc - q * NR);
      for (int s = 0; s * MR < mc; s++) {
        int rows = Math.min(MR, mc - s * MR);
        kernel(kc, ap, s * kc * MR, bp, q * kc * NR, c, cOff + s * MR * ldc + q * NR, ldc, rows, cols, edge);
      }
    }
  }

  /** {@code C[rows x cols] += sliver x panel} over kc steps, eight vector accumulators. */
  private static void kernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc,
      int rows, int cols, double[] edge) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = DoubleVector.zero(S);
    DoubleVector c10 = DoubleVector.zero(S);
    DoubleVector c11 = DoubleVector.zero(S);
    DoubleVector c20 = DoubleVector.zero(S);
    DoubleVector c21 = DoubleVector.zero(S);
    DoubleVector c30 = DoubleVector.zero(S);
    DoubleVector c31 = DoubleVector.zero(S);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + V);
      DoubleVector a0 = DoubleVector.broadcast(S, ap[ao]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      DoubleVector a1 = DoubleVector.broadcast(S, ap[ao + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      DoubleVector a2 = DoubleVector.broadcast(S, ap[ao + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      DoubleVector a3 = DoubleVector.broadcast(S, ap[ao + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      ao += MR;
      bo += NR;
    }
    if (rows == MR && cols == NR) {
      store(c00, c01, c, co);
      store(c10, c11, c, co + ldc);
      store(c20, c21, c, co + 2 * ldc);
      store(c30, c31, c, co + 3 * ldc);
      return;
    }
    storeEdge(c00, c01, c, co, cols, edge);
    if (rows > 1) {
      storeEdge(c10, c11, c, co + ldc, cols, edge);
    }
    if (rows > 2) {
      storeEdge(c20, c21, c, co + 2 * ldc, cols, edge);
    }
    if (rows > 3) {
      storeEdge(c30, c31, c, co + 3 * ldc, cols, edge);
    }
  }

  private static void store(DoubleVector lo, DoubleVector hi, double[] c, int at) {
    DoubleVector.fromArray(S, c, at).add(lo).intoArray(c, at);
    DoubleVector.fromArray(S, c, at + V).add(hi).intoArray(c, at + V);
  }

  private static void storeEdge(DoubleVector lo, DoubleVector hi, double[] c, int at, int cols, double[] edge) {
    lo.intoArray(edge, 0);
    hi.intoArray(edge, V);
    for (int j = 0; j < cols; j++) {
      c[at + j] += edge[j];
    }
  }
}
