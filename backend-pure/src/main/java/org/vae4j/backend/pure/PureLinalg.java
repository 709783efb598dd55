package org.vae4j.backend.pure;

import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.Conv2dSpec;

/**
 * The pure backend's linear algebra on {@link Gemm}, FLOAT32 and FLOAT64. Thread-safe.
 *
 * <p><b>Matmul:</b> batched matrix product with broadcast leading axes and optional transposes. Many small
 * matrices run in parallel over the batch; a large one runs in parallel inside {@link Gemm}.
 *
 * <p><b>Convolution:</b> 2-D convolution and its two backward kernels by im2col and one {@link Gemm} per group
 * of images: the column matrices of a group sit side by side, about {@link #GROUP_COLUMNS} columns wide (fewer
 * where that would make more than {@link #COLUMN_MATRIX_ELEMENTS} elements), so that small feature maps still
 * make a product wide enough for the micro-kernel while the column matrix and the result stay in cache.
 * Contiguous ranges of groups run in parallel, each with its own scratch (a single group instead runs its
 * product in parallel).
 *
 * <p>The weight gradient {@code O x (C KH KW)} is the output gradient times the column matrix's transpose; the
 * operand that {@link Gemm} packs in transposed order, gathering every element, is then the column matrix.
 * Where that is the larger cost it is computed transposed instead, {@code (C KH KW) x O} as the column matrix
 * times the output gradient's transpose, and the ranges' sums are transposed once at the end: for at least
 * {@value #TRANSPOSED_GRADIENT_CHANNELS} output channels, or a column matrix at least eight times taller than
 * them (with fewer, its few columns would fill only part of the micro-kernel's panel). Weight gradients
 * here, GFLOP/s direct to transposed: 56 to 58 for 32 to 64 channels under a 4 x 4 stride-2 kernel, 20 to 25
 * for 1 to 32, 18 to 20 for 32 to 16 under 3 x 3; a 1 x 1 kernel from 32 to 16 stays direct (15 against 12).
 * Either way every element sums the same products in the same order, so the bits do not depend on it.
 *
 * <p>The input gradient is the column matrix {@code W^T gy} folded back onto the image: a product of depth
 * {@code O}, too shallow for the micro-kernel when {@code O} is small, and a fold as large as the matrix. At
 * stride 1 it is also the convolution of the output gradient with the kernel flipped in space and transposed
 * in channels, padded by the kernel's extent less one less the padding: a product of depth {@code O KH KW}
 * that writes the gradient directly. That form is taken for at most {@value #FLIPPED_MAX_CHANNELS} output
 * channels and at least as many input channels (GFLOP/s here, folded to flipped: 45 to 62 for 32 to 16
 * channels under 3 x 3 on 7 x 7 maps, 28 to 37 under 1 x 1, 52 to 70 for 16 to 16 on 28 x 28; but 67 to 32
 * for 16 to 32 channels and 81 to 71 for 32 to 32). It sums in another order, so its bits differ from the
 * fold's in the last places.
 */
final class PureLinalg {
  /** Target width of a group's column matrix. */
  static final int GROUP_COLUMNS = 1024;
  /**
   * At most this many elements in a group's column matrix (512 KiB of FLOAT32, half this machine's L2), unless
   * one image's columns alone exceed it: with a 32-channel 4 x 4 kernel's 512 rows, the forward convolution
   * ran at 59-72 GFLOP/s with 1,024 columns (2 MiB), at 73-84 with 256.
   */
  static final int COLUMN_MATRIX_ELEMENTS = 1 << 17;
  /** Weight gradients of at least this many output channels are computed transposed (see the class comment). */
  static final int TRANSPOSED_GRADIENT_CHANNELS = 32;
  /** Input gradients of at most this many output channels may take the flipped-kernel convolution. */
  static final int FLIPPED_MAX_CHANNELS = 16;

  private static int groupSize(int n, Im2col g) {
    int columns = Math.min(GROUP_COLUMNS, COLUMN_MATRIX_ELEMENTS / Math.max(1, g.rows()));
    return Math.max(1, Math.min(n, columns / g.cols()));
  }

  private static int ranges(int n, Im2col g) {
    int group = groupSize(n, g);
    return Math.min((n + group - 1) / group, Parallel.threads());
  }

  /** Work on images {@code [from, to)}, at most one group, with range {@code range}'s scratch arrays. */
  private interface GroupBody {
    void run(int range, int from, int to, Object cols, Object grouped);
  }

  /**
   * Splits the batch into groups and runs {@link #ranges} contiguous ranges of groups in parallel; each
   * range takes its two scratch arrays from the {@link ArrayPool} once and gives them back when done.
   */
  private static void forGroups(int n, Im2col g, int o, DType dtype, GroupBody body) {
    int group = groupSize(n, g);
    int groups = (n + group - 1) / group;
    int ranges = ranges(n, g);
    Parallel.forChunks(ranges, r -> {
      Object cols = TypedArrays.uninitialized(dtype, g.rows() * g.cols() * group);
      Object grouped = TypedArrays.uninitialized(dtype, o * g.cols() * group);
      for (int q = groups * r / ranges; q < groups * (r + 1) / ranges; q++) {
        body.run(r, q * group, Math.min(n, (q + 1) * group), cols, grouped);
      }
      ArrayPool.release(cols);
      ArrayPool.release(grouped);
    });
  }

  static PureBuffer conv2d(PureBuffer input, PureBuffer weight, Conv2dSpec spec) {
    Shape in = input.shape();
    Shape ws = weight.shape();
    Im2col g = geometry("conv2d", in, ws, spec, input.dtype(), weight.dtype());
    int n = in.dim(0);
    int o = ws.dim(0);
    Shape outShape = Shape.of(n, o, g.outH(), g.outW());
    Object x = input.data("conv2d");
    Object w = weight.data("conv2d");
    Object out = TypedArrays.uninitialized(input.dtype(), outShape.sizeAsInt());
    int ckk = g.rows();
    int ohw = g.cols();
    forGroups(n, g, o, input.dtype(), (range, from, to, cols, product) -> {
      int ld = (to - from) * ohw;
      for (int i = from; i < to; i++) {
        ArrayOps.unfold(g, x, i * g.imageSize(), cols, (i - from) * ohw, ld);
      }
      ArrayOps.gemm(o, ld, ckk, w, 0, ckk, 1, cols, 0, ld, 1, product, 0, ld, false);
      ArrayOps.regroup(out, from, to - from, o, ohw, product, false);
    });
    return new PureBuffer(out, outShape, input.dtype());
  }

  static PureBuffer conv2dBackwardInput(PureBuffer gradOutput, PureBuffer weight, Shape inputShape,
      Conv2dSpec spec) {
    String name = "conv2dBackwardInput";
    Shape ws = weight.shape();
    Im2col g = geometry(name, inputShape, ws, spec, gradOutput.dtype(), weight.dtype());
    checkGradOutput(name, gradOutput.shape(), inputShape.dim(0), ws.dim(0), g);
    if (asCorrelation(ws, spec)) {
      try (PureBuffer flipped = flippedTranspose(weight, name)) {
        return conv2d(gradOutput, flipped, new Conv2dSpec(1, 1, ws.dim(2) - 1 - spec.padH(),
            ws.dim(3) - 1 - spec.padW(), 1, 1));
      }
    }
    int n = inputShape.dim(0);
    int o = ws.dim(0);
    Object gy = gradOutput.data(name);
    Object w = weight.data(name);
    DType dtype = gradOutput.dtype();
    Object gx = TypedArrays.allocate(dtype, inputShape.sizeAsInt());
    int ckk = g.rows();
    int ohw = g.cols();
    forGroups(n, g, o, dtype, (range, from, to, cols, grouped) -> {
      int ld = (to - from) * ohw;
      ArrayOps.regroup(gy, from, to - from, o, ohw, grouped, true);
      ArrayOps.gemm(ckk, ld, o, w, 0, 1, ckk, grouped, 0, ld, 1, cols, 0, ld, false);
      for (int i = from; i < to; i++) {
        ArrayOps.foldAdd(g, cols, (i - from) * ohw, ld, gx, i * g.imageSize());
      }
    });
    return new PureBuffer(gx, inputShape, dtype);
  }

  /**
   * Whether the input gradient is computed as the convolution of the output gradient with the flipped,
   * transposed kernel (see the class comment): it can be for stride and dilation 1 and padding at most the
   * kernel's extent less one, and pays for at most {@value #FLIPPED_MAX_CHANNELS} output channels and at
   * least as many input channels.
   */
  private static boolean asCorrelation(Shape ws, Conv2dSpec spec) {
    int o = ws.dim(0);
    return o <= FLIPPED_MAX_CHANNELS && ws.dim(1) >= o && spec.strideH() == 1 && spec.strideW() == 1
        && spec.dilationH() == 1 && spec.dilationW() == 1 && spec.padH() <= ws.dim(2) - 1
        && spec.padW() <= ws.dim(3) - 1;
  }

  /** {@code w'[c, o, i, j] = w[o, c, KH - 1 - i, KW - 1 - j]}: an {@code (O, C, KH, KW)} weight as (C, O, KH, KW). */
  private static PureBuffer flippedTranspose(PureBuffer weight, String name) {
    Shape ws = weight.shape();
    int o = ws.dim(0);
    int c = ws.dim(1);
    int kh = ws.dim(2);
    int kw = ws.dim(3);
    Object w = weight.data(name);
    Object f = TypedArrays.uninitialized(weight.dtype(), ws.sizeAsInt());
    for (int oc = 0; oc < o; oc++) {
      for (int ic = 0; ic < c; ic++) {
        for (int i = 0; i < kh; i++) {
          for (int j = 0; j < kw; j++) {
            ArrayOps.copyElement(w, ((oc * c + ic) * kh + kh - 1 - i) * kw + kw - 1 - j, f,
                ((ic * o + oc) * kh + i) * kw + j);
          }
        }
      }
    }
    return new PureBuffer(f, Shape.of(c, o, kh, kw), weight.dtype());
  }

  static PureBuffer conv2dBackwardWeight(PureBuffer input, PureBuffer gradOutput, Shape weightShape,
      Conv2dSpec spec) {
    String name = "conv2dBackwardWeight";
    Shape in = input.shape();
    Im2col g = geometry(name, in, weightShape, spec, input.dtype(), gradOutput.dtype());
    checkGradOutput(name, gradOutput.shape(), in.dim(0), weightShape.dim(0), g);
    int n = in.dim(0);
    int o = weightShape.dim(0);
    Object x = input.data(name);
    Object gy = gradOutput.data(name);
    DType dtype = input.dtype();
    int ckk = g.rows();
    int ohw = g.cols();
    boolean transposedGradient = o >= TRANSPOSED_GRADIENT_CHANNELS || ckk >= 8 * o;
    Object[] partial = new Object[Math.max(1, ranges(n, g))];
    forGroups(n, g, o, dtype, (range, from, to, cols, grouped) -> {
      if (partial[range] == null) {
        partial[range] = TypedArrays.allocate(dtype, ckk * o);
      }
      int ld = (to - from) * ohw;
      for (int i = from; i < to; i++) {
        ArrayOps.unfold(g, x, i * g.imageSize(), cols, (i - from) * ohw, ld);
      }
      ArrayOps.regroup(gy, from, to - from, o, ohw, grouped, true);
      if (transposedGradient) {
        ArrayOps.gemm(ckk, o, ld, cols, 0, ld, 1, grouped, 0, 1, ld, partial[range], 0, o, true);
      } else {
        ArrayOps.gemm(o, ckk, ld, grouped, 0, ld, 1, cols, 0, 1, ld, partial[range], 0, ckk, true);
      }
    });
    if (partial[0] == null) { // an empty batch
      return new PureBuffer(TypedArrays.allocate(dtype, o * ckk), weightShape, dtype);
    }
    Object gw = TypedArrays.uninitialized(dtype, o * ckk);
    ArrayOps.transposeSum(partial, transposedGradient ? ckk : 1, transposedGradient ? o : o * ckk, gw);
    for (Object t : partial) {
      ArrayPool.release(t);
    }
    return new PureBuffer(gw, weightShape, dtype);
  }

  private static Im2col geometry(String op, Shape in, Shape ws, Conv2dSpec spec, DType a, DType b) {
    if (in.rank() != 4 || ws.rank() != 4 || in.dim(1) != ws.dim(1)) {
      throw new IllegalArgumentException(op + ": input " + in + " (N, C, H, W) and weight " + ws
          + " (O, C, KH, KW) must be rank 4 and agree on C");
    }
    if (a != b || !a.isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": needs two FLOAT32 or two FLOAT64 operands, got " + a
          + " and " + b);
    }
    Im2col g = Im2col.of(in.dim(1), in.dim(2), in.dim(3), ws.dim(2), ws.dim(3), spec);
    if (g.outH() < 1 || g.outW() < 1) {
      throw new IllegalArgumentException(op + ": input " + in + " is too small for kernel " + ws + " with "
          + spec + " (output " + g.outH() + " x " + g.outW() + ")");
    }
    return g;
  }

  private static void checkGradOutput(String op, Shape gy, int n, int o, Im2col g) {
    if (!gy.equals(Shape.of(n, o, g.outH(), g.outW()))) {
      throw new IllegalArgumentException(op + ": gradOutput " + gy + " should be "
          + Shape.of(n, o, g.outH(), g.outW()));
    }
  }

  private PureLinalg() {
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
      float[] c = ArrayPool.floats(outShape.sizeAsInt());
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
    double[] c = ArrayPool.doubles(outShape.sizeAsInt());
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
