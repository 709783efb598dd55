package org.vae4j.backend.pure;

import java.util.Arrays;
import java.util.function.IntConsumer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * FLOAT64 {@link Gemm} on the JDK Vector API, in the style of BLIS. B is packed once, in parallel, into
 * panels of {@link #NR} columns (two vectors) cut into blocks of {@link #KC} along k; then tiles of C (at
 * most {@link #MC} rows each) run in parallel: per k block a tile packs its rows of A into slivers of
 * {@link #MR} rows and runs a 6 x 2-vector register-blocked micro-kernel that keeps twelve accumulators
 * across the block. A tile of one panel's width (a product with at most {@link #NR} columns: a weight gradient
 * of a convolution with 16 or 32 output channels) uses each sliver of A once, so the kernel reads A where it
 * lies instead (packing it cost 45 % of the kernel's own time in the VQ-VAE's step); the sums are the same.
 * Only loaded when {@code jdk.incubator.vector} is present (see {@link Gemms}).
 * Thread-safe: packed operands live in per-thread scratch arrays (the packed B of the calling thread,
 * which waits for its workers, grows to the largest {@code k x n} seen; packed A stays at MC x KC).
 */
final class VectorDgemm {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int V = S.length();
  static final int MR = 6;
  static final int NR = 2 * V;
  static final int KC = 256;
  static final int MC = 120;
  static final int NC = 1024;
  /** Rows of a panel that a transposed B is copied in at a time: {@code TRANSPOSE_RUN x NR} elements, 8 KiB. */
  private static final int TRANSPOSE_RUN = 64;
  private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[3][0]);

  private VectorDgemm() {
  }

  private static double[] scratch(int slot, int size) {
    double[][] s = SCRATCH.get();
    if (s[slot].length < size) {
      s[slot] = new double[size];
    }
    return s[slot];
  }

  /**
   * {@code C = A B}, or {@code C += A B} when {@code accumulate}; without it C's old values are never read (the
   * first k block stores, the later ones add). Strides as in {@link Gemm}; {@code k} is at least 1 ({@link
   * VectorGemm} hands empty products to {@link ScalarGemm}).
   */
  static void dgemm(int m, int n, int k, double[] a, int aOff, int aRs, int aCs, double[] b, int bOff, int bRs,
      int bCs, double[] c, int cOff, int ldc, boolean accumulate) {
    int panels = (n + NR - 1) / NR;
    int nPad = panels * NR;
    double[] bp = scratch(1, nPad * k);
    boolean parallel = (long) m * n * k >= Gemm.PARALLEL_WORK;
    int packChunks = parallel ? Math.min(panels, 4 * Parallel.threads()) : 1;
    Parallel.forChunks(packChunks, chunk -> {
      for (int q = panels * chunk / packChunks; q < panels * (chunk + 1) / packChunks; q++) {
        packPanel(b, bOff, bRs, bCs, n, k, q, nPad, bp);
      }
    });
    GemmTiles tiles = GemmTiles.of(m, n, k, MR, NR, MC, NC);
    IntConsumer tile = t -> {
      double[] ap = scratch(0, MC * KC);
      double[] edge = scratch(2, MR * NR);
      int i0 = tiles.rowStart(t);
      int i1 = tiles.rowEnd(t);
      int j0 = tiles.colStart(t);
      int j1 = tiles.colEnd(t);
      boolean direct = j1 - j0 <= NR;
      for (int p0 = 0; p0 < k; p0 += KC) {
        int kc = Math.min(KC, k - p0);
        if (!direct) {
          packA(a, aOff + i0 * aRs + p0 * aCs, aRs, aCs, i1 - i0, kc, ap);
        }
        boolean store = p0 == 0 && !accumulate;
        for (int j = j0; j < j1; j += NR) {
          int cols = Math.min(NR, n - j);
          int bo = p0 * nPad + (j / NR) * kc * NR;
          for (int i = i0; i < i1; i += MR) {
            int rows = Math.min(MR, i1 - i);
            if (direct) {
              kernel(kc, a, aOff + i * aRs + p0 * aCs, aRs, aCs, rows, bp, bo, c, cOff + i * ldc + j, ldc, rows,
                  cols, edge, store);
            } else {
              kernel(kc, ap, (i - i0) * kc, 1, MR, MR, bp, bo, c, cOff + i * ldc + j, ldc, rows, cols, edge,
                  store);
            }
          }
        }
      }
    };
    if (parallel) {
      Parallel.forChunks(tiles.count(), tile);
    } else {
      for (int t = 0; t < tiles.count(); t++) {
        tile.accept(t);
      }
    }
  }

  /** Slivers of MR rows: {@code ap[(s * kc + p) * MR + r] = A(s * MR + r, p)}, zero past the last row. */
  private static void packA(double[] a, int off, int rs, int cs, int mc, int kc, double[] ap) {
    for (int s = 0; s * MR < mc; s++) {
      int rows = Math.min(MR, mc - s * MR);
      int dst = s * kc * MR;
      int src = off + s * MR * rs;
      if (rows == MR) {
        for (int p = 0; p < kc; p++, src += cs, dst += MR) {
          ap[dst] = a[src];
          ap[dst + 1] = a[src + rs];
          ap[dst + 2] = a[src + 2 * rs];
          ap[dst + 3] = a[src + 3 * rs];
          ap[dst + 4] = a[src + 4 * rs];
          ap[dst + 5] = a[src + 5 * rs];
        }
        continue;
      }
      for (int p = 0; p < kc; p++, src += cs) {
        for (int r = 0; r < MR; r++) {
          ap[dst++] = r < rows ? a[src + r * rs] : 0.0;
        }
      }
    }
  }

  /**
   * Panel {@code q} (columns {@code q * NR ..}) for every k block: block {@code p0} starts at
   * {@code p0 * nPad}, and within it {@code bp[.. + (q * kc + p) * NR + j] = B(p0 + p, q * NR + j)}, zero
   * past the last column. Row-major B copies runs of a row; B that is a transposed row-major matrix (a
   * linear layer's weight) gathers each row of a full panel as two vector gathers, and copies a partial
   * panel's runs of columns, {@link #TRANSPOSE_RUN} at a time so that the block written stays in L1; other
   * strides gather element by element.
   */
  private static void packPanel(double[] b, int off, int rs, int cs, int n, int k, int q, int nPad, double[] bp) {
    int cols = Math.min(NR, n - q * NR);
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = Math.min(KC, k - p0);
      int dst = p0 * nPad + q * kc * NR;
      int src = off + p0 * rs + q * NR * cs;
      if (cols < NR) {
        Arrays.fill(bp, dst, dst + kc * NR, 0.0);
      }
      if (cs == 1) {
        for (int p = 0; p < kc; p++, src += rs, dst += NR) {
          System.arraycopy(b, src, bp, dst, cols);
        }
      } else if (rs == 1 && cols == NR) {
        int[] rows = gatherIndex(cs);
        for (int p = 0; p < kc; p++, dst += NR) {
          DoubleVector.fromArray(S, b, src + p, rows, 0).intoArray(bp, dst);
          DoubleVector.fromArray(S, b, src + p + V * cs, rows, 0).intoArray(bp, dst + V);
        }
      } else if (rs == 1) {
        for (int p1 = 0; p1 < kc; p1 += TRANSPOSE_RUN) {
          int run = Math.min(TRANSPOSE_RUN, kc - p1);
          for (int j = 0; j < cols; j++) {
            for (int p = 0, from = src + j * cs + p1, to = dst + p1 * NR + j; p < run; p++, to += NR) {
              bp[to] = b[from + p];
            }
          }
        }
      } else {
        for (int p = 0; p < kc; p++, src += rs, dst += NR) {
          for (int j = 0; j < cols; j++) {
            bp[dst + j] = b[src + j * cs];
          }
        }
      }
    }
  }

  /** Offsets of {@code V} elements {@code stride} apart, for a gather: {@code {0, stride, 2 stride, ...}}. */
  private static int[] gatherIndex(int stride) {
    int[] index = new int[V];
    for (int j = 0; j < V; j++) {
      index[j] = j * stride;
    }
    return index;
  }

  /**
   * {@code C[rows x cols] += sliver x panel} over kc steps, twelve vector accumulators; with {@code store} the
   * block is overwritten instead. The sliver's element (r, p) is {@code ap[ao + r * rowStep + p * kStep]}
   * ({@code 1, MR} for a packed sliver, A's own strides otherwise); rows from {@code readRows} on read row
   * {@code readRows - 1} again (a packed sliver has its zero rows, A has no rows past its end), and only
   * {@code rows} rows are written.
   */
  private static void kernel(int kc, double[] ap, int ao, int rowStep, int kStep, int readRows, double[] bp, int bo,
      double[] c, int co, int ldc, int rows, int cols, double[] edge, boolean store) {
    int o1 = Math.min(1, readRows - 1) * rowStep;
    int o2 = Math.min(2, readRows - 1) * rowStep;
    int o3 = Math.min(3, readRows - 1) * rowStep;
    int o4 = Math.min(4, readRows - 1) * rowStep;
    int o5 = Math.min(5, readRows - 1) * rowStep;
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = DoubleVector.zero(S);
    DoubleVector c10 = DoubleVector.zero(S);
    DoubleVector c11 = DoubleVector.zero(S);
    DoubleVector c20 = DoubleVector.zero(S);
    DoubleVector c21 = DoubleVector.zero(S);
    DoubleVector c30 = DoubleVector.zero(S);
    DoubleVector c31 = DoubleVector.zero(S);
    DoubleVector c40 = DoubleVector.zero(S);
    DoubleVector c41 = DoubleVector.zero(S);
    DoubleVector c50 = DoubleVector.zero(S);
    DoubleVector c51 = DoubleVector.zero(S);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(S, bp, bo);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, bo + V);
      DoubleVector a0 = DoubleVector.broadcast(S, ap[ao]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      DoubleVector a1 = DoubleVector.broadcast(S, ap[ao + o1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      DoubleVector a2 = DoubleVector.broadcast(S, ap[ao + o2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      DoubleVector a3 = DoubleVector.broadcast(S, ap[ao + o3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      DoubleVector a4 = DoubleVector.broadcast(S, ap[ao + o4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      DoubleVector a5 = DoubleVector.broadcast(S, ap[ao + o5]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
      ao += kStep;
      bo += NR;
    }
    if (rows == MR && cols == NR) {
      (store ? c00 : c00.add(DoubleVector.fromArray(S, c, co))).intoArray(c, co);
      (store ? c01 : c01.add(DoubleVector.fromArray(S, c, co + V))).intoArray(c, co + V);
      co += ldc;
      (store ? c10 : c10.add(DoubleVector.fromArray(S, c, co))).intoArray(c, co);
      (store ? c11 : c11.add(DoubleVector.fromArray(S, c, co + V))).intoArray(c, co + V);
      co += ldc;
      (store ? c20 : c20.add(DoubleVector.fromArray(S, c, co))).intoArray(c, co);
      (store ? c21 : c21.add(DoubleVector.fromArray(S, c, co + V))).intoArray(c, co + V);
      co += ldc;
      (store ? c30 : c30.add(DoubleVector.fromArray(S, c, co))).intoArray(c, co);
      (store ? c31 : c31.add(DoubleVector.fromArray(S, c, co + V))).intoArray(c, co + V);
      co += ldc;
      (store ? c40 : c40.add(DoubleVector.fromArray(S, c, co))).intoArray(c, co);
      (store ? c41 : c41.add(DoubleVector.fromArray(S, c, co + V))).intoArray(c, co + V);
      co += ldc;
      (store ? c50 : c50.add(DoubleVector.fromArray(S, c, co))).intoArray(c, co);
      (store ? c51 : c51.add(DoubleVector.fromArray(S, c, co + V))).intoArray(c, co + V);
      return;
    }
    // A partial tile goes through the scratch array; no vector crosses a method boundary, which would box it.
    c00.intoArray(edge, 0);
    c01.intoArray(edge, V);
    c10.intoArray(edge, NR);
    c11.intoArray(edge, NR + V);
    c20.intoArray(edge, 2 * NR);
    c21.intoArray(edge, 2 * NR + V);
    c30.intoArray(edge, 3 * NR);
    c31.intoArray(edge, 3 * NR + V);
    c40.intoArray(edge, 4 * NR);
    c41.intoArray(edge, 4 * NR + V);
    c50.intoArray(edge, 5 * NR);
    c51.intoArray(edge, 5 * NR + V);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < cols; j++) {
        c[co + r * ldc + j] = store ? edge[r * NR + j] : c[co + r * ldc + j] + edge[r * NR + j];
      }
    }
  }
}
