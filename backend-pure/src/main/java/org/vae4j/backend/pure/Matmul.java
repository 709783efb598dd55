package org.vae4j.backend.pure;

import org.vae4j.api.DType;
import org.vae4j.api.Shape;

/**
 * Batched matrix product with broadcast leading axes and optional transposes, on FLOAT32 and FLOAT64.
 * Many small matrices run in parallel over the batch; a large one runs in parallel inside {@link Gemm}.
 */
final class Matmul {
  private Matmul() {
  }

  static PureBuffer matmul(PureBuffer a, PureBuffer b, boolean transposeA, boolean transposeB) {
    Shape as = a.shape();
    Shape bs = b.shape();
    if (as.rank() < 2 || bs.rank() < 2) {
      throw new IllegalArgumentException("matmul: operands need rank >= 2, got " + as + " and " + bs);
    }
    if (a.dtype() != b.dtype() || !a.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("matmul: needs two FLOAT32 or two FLOAT64 operands, got "
          + a.dtype() + " " + as + " and " + b.dtype() + " " + bs);
    }
    int ar = as.dim(-2);
    int ac = as.dim(-1);
    int br = bs.dim(-2);
    int bc = bs.dim(-1);
    int m = transposeA ? ac : ar;
    int k = transposeA ? ar : ac;
    int kb = transposeB ? bc : br;
    int n = transposeB ? br : bc;
    if (k != kb) {
      throw new IllegalArgumentException("matmul: shapes " + as + (transposeA ? "^T" : "") + " and " + bs
          + (transposeB ? "^T" : "") + " do not align on " + k + " vs " + kb);
    }
    Shape batch = Shape.broadcast("matmul", as.dropLast(2), bs.dropLast(2));
    int[] bd = batch.dims();
    int count = batch.sizeAsInt();
    int[] aOff = batchOffsets(as.dropLast(2), bd, ar * ac, count);
    int[] bOff = batchOffsets(bs.dropLast(2), bd, br * bc, count);
    int aRs = transposeA ? 1 : ac;
    int aCs = transposeA ? ac : 1;
    int bRs = transposeB ? 1 : bc;
    int bCs = transposeB ? bc : 1;
    Shape outShape = batch.append(m, n);
    Gemm gemm = Gemms.get();
    int mn = m * n;
    boolean perBatch = count > 1 && (long) m * n * k < Gemm.PARALLEL_WORK;
    if (a.dtype() == DType.FLOAT32) {
      float[] x = a.floats("matmul");
      float[] y = b.floats("matmul");
      float[] c = new float[outShape.sizeAsInt()];
      Parallel.forChunks(perBatch ? count : 1, chunk -> {
        int from = perBatch ? chunk : 0;
        int to = perBatch ? chunk + 1 : count;
        for (int i = from; i < to; i++) {
          gemm.sgemm(m, n, k, x, aOff[i], aRs, aCs, y, bOff[i], bRs, bCs, c, i * mn, n, false);
        }
      });
      return PureBuffer.of(c, outShape);
    }
    double[] x = a.doubles("matmul");
    double[] y = b.doubles("matmul");
    double[] c = new double[outShape.sizeAsInt()];
    Parallel.forChunks(perBatch ? count : 1, chunk -> {
      int from = perBatch ? chunk : 0;
      int to = perBatch ? chunk + 1 : count;
      for (int i = from; i < to; i++) {
        gemm.dgemm(m, n, k, x, aOff[i], aRs, aCs, y, bOff[i], bRs, bCs, c, i * mn, n, false);
      }
    });
    return PureBuffer.of(c, outShape);
  }

  /** Offset of each batch entry's matrix in an operand whose batch axes broadcast to {@code batch}. */
  private static int[] batchOffsets(Shape own, int[] batch, int matrixSize, int count) {
    int[] strides = StridedLoop.broadcastStrides(own, batch);
    for (int i = 0; i < strides.length; i++) {
      strides[i] *= matrixSize;
    }
    int[] out = new int[count];
    int[] counter = new int[batch.length];
    int pos = 0;
    for (int i = 0; i < count; i++) {
      out[i] = pos;
      for (int a = batch.length - 1; a >= 0; a--) {
        pos += strides[a];
        if (++counter[a] < batch[a]) {
          break;
        }
        pos -= batch[a] * strides[a];
        counter[a] = 0;
      }
    }
    return out;
  }
}
