package org.vae4j.backend.nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.concurrent.ForkJoinTask;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.AdamStep;

/**
 * Kernels that run faster as one Java loop over the arrays' host memory than as libnd4j calls, on the CPU
 * build only (where an array's memory is the host memory): libnd4j's {@code adam_updater} takes about 6 ns
 * per element (1.8 ms for 313,600 floats, plus a second pass for {@code p - update}), and FLOAT32 sums
 * needed a FLOAT64 copy first. Every array here is contiguous 'c' order and owns its memory (an
 * {@link Nd4jBuffer#memory()}); returned arrays are fresh and owned by the caller. Stateless and thread-safe
 * for distinct outputs.
 */
final class Nd4jHostLoops {
  /** Independent partial sums, so the loop is not one chain of dependent additions. */
  private static final int LANES = 8;
  /** Elements copied to the heap at a time, so that the arithmetic runs in vectorized loops over arrays. */
  private static final int BLOCK = 2048;
  /** Elements from which {@link #inHalves} splits a loop in two. */
  private static final int SPLIT = 1 << 16;

  private Nd4jHostLoops() {
  }

  /** Whether arrays' memory is host memory that Java may read and write directly (nd4j-native). */
  static boolean available() {
    return Nd4j.getEnvironment().isCPU();
  }

  /**
   * One Adam step in one pass, {@link AdamStep}'s formulas in the arrays' dtype (float scalars for FLOAT32):
   * overwrites m and v with m' and v' and returns p' as a new array. p, g, m and v have {@code shape}.
   */
  static INDArray adamUpdate(INDArray p, INDArray g, INDArray m, INDArray v, AdamStep s, Shape shape) {
    INDArray out = Nd4jOps.alloc(p.dataType(), shape);
    int n = shape.sizeAsInt();
    if (p.dataType() == DataType.DOUBLE) {
      inHalves(n, (from, to) -> adam(doubles(p), doubles(g), doubles(m), doubles(v), doubles(out), from, to, s));
    } else {
      inHalves(n, (from, to) -> adam(floats(p), floats(g), floats(m), floats(v), floats(out), from, to, s));
    }
    return out;
  }

  /** A loop over the elements {@code [from, to)} that returns their sum, or 0 when it sums nothing. */
  private interface RangeLoop {
    double run(int from, int to);
  }

  /**
   * Runs {@code loop} over {@code [0, n)} and returns the sum of its results: in one call below {@link #SPLIT}
   * elements or on one processor, else in two halves cut at a {@link #BLOCK} boundary, the upper half a task
   * of the common fork-join pool that the caller runs itself when no worker has started it by the time the
   * lower half is done. The halves must write disjoint memory. In the MLP VAE's step (two parameters of
   * 313,600 floats) this made the step 5 % faster for Adam alone ({@code StepAnatomy}, alternating rounds in
   * one process).
   */
  private static double inHalves(int n, RangeLoop loop) {
    if (n < SPLIT || Runtime.getRuntime().availableProcessors() < 2) {
      return loop.run(0, n);
    }
    int half = n / 2 / BLOCK * BLOCK;
    ForkJoinTask<Double> upper = ForkJoinTask.adapt(() -> loop.run(half, n)).fork();
    double lower = loop.run(0, half);
    return lower + upper.join();
  }

  private static double adam(FloatBuffer p, FloatBuffer g, FloatBuffer m, FloatBuffer v, FloatBuffer out, int from,
      int to, AdamStep s) {
    float b1 = (float) s.beta1();
    float c1 = (float) (1 - s.beta1());
    float b2 = (float) s.beta2();
    float c2 = (float) (1 - s.beta2());
    float stepSize = (float) s.stepSize();
    float bc2 = (float) s.biasCorrection2Sqrt();
    float eps = (float) s.eps();
    int block = Math.min(BLOCK, to - from);
    float[] pb = new float[block];
    float[] gb = new float[block];
    float[] mb = new float[block];
    float[] vb = new float[block];
    for (int start = from; start < to; start += block) {
      int len = Math.min(block, to - start);
      p.get(start, pb, 0, len);
      g.get(start, gb, 0, len);
      m.get(start, mb, 0, len);
      v.get(start, vb, 0, len);
      for (int i = 0; i < len; i++) {
        float gi = gb[i];
        float mi = b1 * mb[i] + c1 * gi;
        float vi = b2 * vb[i] + c2 * (gi * gi);
        mb[i] = mi;
        vb[i] = vi;
        pb[i] = pb[i] - stepSize * (mi / ((float) Math.sqrt(vi) / bc2 + eps));
      }
      m.put(start, mb, 0, len);
      v.put(start, vb, 0, len);
      out.put(start, pb, 0, len);
    }
    return 0;
  }

  private static double adam(DoubleBuffer p, DoubleBuffer g, DoubleBuffer m, DoubleBuffer v, DoubleBuffer out,
      int from, int to, AdamStep s) {
    double b1 = s.beta1();
    double c1 = 1 - s.beta1();
    double b2 = s.beta2();
    double c2 = 1 - s.beta2();
    double stepSize = s.stepSize();
    double bc2 = s.biasCorrection2Sqrt();
    double eps = s.eps();
    for (int i = from; i < to; i++) {
      double gi = g.get(i);
      double mi = b1 * m.get(i) + c1 * gi;
      double vi = b2 * v.get(i) + c2 * (gi * gi);
      m.put(i, mi);
      v.put(i, vi);
      out.put(i, p.get(i) - stepSize * (mi / (Math.sqrt(vi) / bc2 + eps)));
    }
    return 0;
  }

  /**
   * The sums of FLOAT32 {@code x} over {@code axes} (normalized by {@link Shape#normalizeAxis}), each
   * accumulated in FLOAT64 and rounded once, in the row-major order of the result; null when no axis is
   * reduced. One run of adjacent reduced axes is summed run by run; any other pattern (a bias gradient's
   * (0, 2, 3) of NCHW) in one pass over x's memory into double accumulators.
   */
  static float[] sumOverAxes(INDArray x, Shape shape, int[] axes) {
    boolean[] reduced = new boolean[shape.rank()];
    for (int a : axes) {
      reduced[shape.normalizeAxis(a)] = true;
    }
    int first = -1;
    int last = -1;
    boolean oneRun = true;
    for (int d = 0; d < reduced.length; d++) {
      if (reduced[d]) {
        oneRun &= first < 0 || last == d - 1;
        first = first < 0 ? d : first;
        last = d;
      }
    }
    if (first < 0) {
      return null;
    }
    if (!oneRun) {
      return sumOverGroups(floats(x), shape, reduced);
    }
    int outer = product(shape, 0, first);
    int run = product(shape, first, last + 1);
    int inner = product(shape, last + 1, shape.rank());
    return sum(floats(x), outer, run, inner);
  }

  /**
   * Sums over the {@code reduced} axes of any pattern: the axes merged into alternating groups of reduced and
   * kept axes; x is read in row-major order as rows of the last group, and each row adds into the
   * accumulator of its kept indices (one per row when the last group is reduced, one per element when kept).
   */
  private static float[] sumOverGroups(FloatBuffer x, Shape shape, boolean[] reduced) {
    int[] size = new int[shape.rank()];
    boolean[] isReduced = new boolean[shape.rank()];
    int groups = 0;
    for (int d = 0; d < shape.rank(); d++) {
      if (groups > 0 && isReduced[groups - 1] == reduced[d]) {
        size[groups - 1] *= shape.dim(d);
      } else {
        size[groups] = shape.dim(d);
        isReduced[groups] = reduced[d];
        groups++;
      }
    }
    int[] outStride = new int[groups];
    int outSize = 1;
    for (int g = groups - 1; g >= 0; g--) {
      outStride[g] = isReduced[g] ? 0 : outSize;
      outSize *= isReduced[g] ? 1 : size[g];
    }
    int row = size[groups - 1];
    boolean rowReduced = isReduced[groups - 1];
    int rows = shape.sizeAsInt() / row;
    int rowsPerBlock = Math.max(1, BLOCK / row);
    float[] block = new float[rowsPerBlock * row];
    double[] acc = new double[outSize];
    int[] index = new int[groups - 1];
    int outBase = 0;
    for (int r0 = 0; r0 < rows; r0 += rowsPerBlock) {
      int n = Math.min(rowsPerBlock, rows - r0);
      x.get(r0 * row, block, 0, n * row);
      for (int r = 0; r < n; r++) {
        int offset = r * row;
        if (rowReduced) {
          double s0 = 0;
          double s1 = 0;
          double s2 = 0;
          double s3 = 0;
          int i = 0;
          for (; i + 4 <= row; i += 4) { // four chains of dependent additions instead of one
            s0 += block[offset + i];
            s1 += block[offset + i + 1];
            s2 += block[offset + i + 2];
            s3 += block[offset + i + 3];
          }
          for (; i < row; i++) {
            s0 += block[offset + i];
          }
          acc[outBase] += (s0 + s1) + (s2 + s3);
        } else {
          for (int i = 0; i < row; i++) {
            acc[outBase + i] += block[offset + i];
          }
        }
        for (int g = groups - 2; g >= 0; g--) { // the next row's indices, last group varying fastest
          outBase += outStride[g];
          if (++index[g] < size[g]) {
            break;
          }
          outBase -= outStride[g] * size[g];
          index[g] = 0;
        }
      }
    }
    float[] out = new float[outSize];
    for (int i = 0; i < outSize; i++) {
      out[i] = (float) acc[i];
    }
    return out;
  }

  private static int product(Shape shape, int from, int to) {
    int p = 1;
    for (int d = from; d < to; d++) {
      p *= shape.dim(d);
    }
    return p;
  }

  /** out[o, i] = the sum over r of x[o, r, i], for x of row-major shape (outer, run, inner). */
  private static float[] sum(FloatBuffer x, int outer, int run, int inner) {
    float[] out = new float[outer * inner];
    if (inner == 1) {
      float[] block = new float[Math.min(BLOCK, run)];
      for (int o = 0; o < outer; o++) {
        out[o] = (float) sumRange(x, o * run, run, block, false);
      }
      return out;
    }
    int rows = Math.max(1, Math.min(run, BLOCK / inner));
    float[] block = new float[rows * inner];
    double[] acc = new double[inner];
    for (int o = 0; o < outer; o++) {
      java.util.Arrays.fill(acc, 0);
      for (int r0 = 0; r0 < run; r0 += rows) {
        int n = Math.min(rows, run - r0);
        x.get((o * run + r0) * inner, block, 0, n * inner);
        for (int r = 0; r < n; r++) {
          int offset = r * inner;
          for (int i = 0; i < inner; i++) {
            acc[i] += block[offset + i];
          }
        }
      }
      for (int i = 0; i < inner; i++) {
        out[o * inner + i] = (float) acc[i];
      }
    }
    return out;
  }

  /**
   * The sum of the squares of every element of {@code x} (FLOAT or DOUBLE, of {@code shape}): each square in
   * x's type, added in double; one pass over the host memory (in two halves for large arrays).
   */
  static double sumOfSquares(INDArray x, Shape shape) {
    int n = shape.sizeAsInt();
    if (x.dataType() == DataType.DOUBLE) {
      DoubleBuffer d = doubles(x);
      double total = 0;
      for (int i = 0; i < n; i++) {
        double v = d.get(i);
        total += v * v;
      }
      return total;
    }
    return inHalves(n, (from, to) -> sumRange(floats(x), from, to - from,
        new float[Math.min(BLOCK, Math.max(1, to - from))], true));
  }

  /**
   * The FLOAT64 sum of {@code length} elements of {@code x} from {@code start}, or of their squares each
   * rounded to float, through {@code block}.
   */
  private static double sumRange(FloatBuffer x, int start, int length, float[] block, boolean squares) {
    double[] partial = new double[LANES];
    double total = 0;
    for (int from = 0; from < length; from += block.length) {
      int len = Math.min(block.length, length - from);
      x.get(start + from, block, 0, len);
      if (squares) {
        for (int i = 0; i < len; i++) {
          block[i] *= block[i];
        }
      }
      int i = 0;
      for (; i + LANES <= len; i += LANES) {
        for (int k = 0; k < LANES; k++) {
          partial[k] += block[i + k];
        }
      }
      for (; i < len; i++) {
        total += block[i];
      }
    }
    for (double part : partial) {
      total += part;
    }
    return total;
  }

  /**
   * Whether every element of FLOAT {@code x} (of {@code shape}) is at least {@code bound}: false at a NaN, and
   * false without looking when x is a view (its memory is not its elements alone, in order).
   */
  static boolean allAtLeast(INDArray x, Shape shape, float bound) {
    if (x.isView() || x.ordering() != 'c' || x.data().length() != x.length()) {
      return false;
    }
    FloatBuffer f = floats(x);
    int n = shape.sizeAsInt();
    float[] block = new float[Math.min(BLOCK, Math.max(1, n))];
    for (int from = 0; from < n; from += block.length) {
      int len = Math.min(block.length, n - from);
      f.get(from, block, 0, len);
      boolean below = false;
      for (int i = 0; i < len; i++) {
        below |= !(block[i] >= bound);
      }
      if (below) {
        return false;
      }
    }
    return true;
  }

  /** {@code a}'s host memory as floats (a owns its memory; FLOAT). */
  static FloatBuffer floats(INDArray a) {
    return bytes(a).asFloatBuffer();
  }

  /** {@code a}'s host memory as doubles (a owns its memory; DOUBLE). */
  static DoubleBuffer doubles(INDArray a) {
    return bytes(a).asDoubleBuffer();
  }

  /** {@code a}'s host memory, native byte order (a owns its memory). */
  static ByteBuffer bytes(INDArray a) {
    ByteBuffer bytes = a.data().asNio();
    int length = Math.toIntExact(a.length() * a.dataType().width());
    return bytes.duplicate().order(ByteOrder.nativeOrder()).position(0).limit(length).slice()
        .order(ByteOrder.nativeOrder());
  }
}
