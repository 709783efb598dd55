package org.vae4j.backend.pure;

import org.vae4j.api.DType;
import org.vae4j.api.spi.UnaryOp;

/**
 * The pure backend's {@link org.vae4j.api.spi.Kernels#logSoftmax} and
 * {@link org.vae4j.api.spi.Kernels#logSoftmaxGradient}, along the last axis: each row in a few passes over
 * itself while it sits in the first-level cache, rows in parallel, where core's composition makes seven
 * whole-tensor passes and temporaries each way (the maximum, a broadcast subtraction, exp, a sum, log, an
 * addition and a second subtraction). Sums are in double; the maximum, the sums and exp are the reduction's and
 * the elementwise kernel's own vector loops for FLOAT32. Stateless and thread-safe.
 */
final class PureLogSoftmax {
  private PureLogSoftmax() {
  }

  /** {@code x - (m + log(sum(exp(x - m))))} per row, m the row's maximum. */
  static PureBuffer logSoftmax(PureBuffer x) {
    String name = "logSoftmax";
    Rows rows = Rows.of(name, x);
    int n = rows.length();
    int size = x.shape().sizeAsInt();
    if (x.dtype() == DType.FLOAT32) {
      float[] in = x.floats(name);
      float[] out = ArrayPool.floats(size);
      UnaryKernels.FloatLoop exp = UnaryKernels.float32(UnaryOp.EXP);
      VectorLoops vector = VectorLoops.get();
      rows.forEach((a, b) -> {
        float m = vector != null ? vector.extremum(in, a, n, true) : in[a];
        for (int i = a + 1; vector == null && i < b; i++) {
          m = Math.max(m, in[i]);
        }
        for (int i = a; i < b; i++) {
          out[i] = in[i] - m;
        }
        exp.run(out, out, a, b);
        double sum = vector != null ? vector.sum(out, a, n) : 0;
        for (int i = a; vector == null && i < b; i++) {
          sum += out[i];
        }
        float lse = (float) (m + Math.log(sum));
        for (int i = a; i < b; i++) {
          out[i] = in[i] - lse;
        }
      });
      return PureBuffer.of(out, x.shape());
    }
    double[] in = x.doubles(name);
    double[] out = ArrayPool.doubles(size);
    UnaryKernels.DoubleLoop exp = UnaryKernels.float64(UnaryOp.EXP);
    rows.forEach((a, b) -> {
      double m = in[a];
      for (int i = a + 1; i < b; i++) {
        m = Math.max(m, in[i]);
      }
      for (int i = a; i < b; i++) {
        out[i] = in[i] - m;
      }
      exp.run(out, out, a, b);
      double sum = 0;
      for (int i = a; i < b; i++) {
        sum += out[i];
      }
      double lse = m + Math.log(sum);
      for (int i = a; i < b; i++) {
        out[i] = in[i] - lse;
      }
    });
    return PureBuffer.of(out, x.shape());
  }

  /** {@code grad - exp(output) * sum(grad)} per row. */
  static PureBuffer logSoftmaxGradient(PureBuffer grad, PureBuffer output) {
    String name = "logSoftmaxGradient";
    if (!grad.shape().equals(output.shape()) || grad.dtype() != output.dtype()) {
      throw new IllegalArgumentException(name + ": grad " + grad.dtype() + " " + grad.shape() + " and output "
          + output.dtype() + " " + output.shape() + " must have one shape and dtype");
    }
    Rows rows = Rows.of(name, output);
    int n = rows.length();
    int size = output.shape().sizeAsInt();
    if (output.dtype() == DType.FLOAT32) {
      float[] g = grad.floats(name);
      float[] y = output.floats(name);
      float[] out = ArrayPool.floats(size);
      UnaryKernels.FloatLoop exp = UnaryKernels.float32(UnaryOp.EXP);
      VectorLoops vector = VectorLoops.get();
      rows.forEach((a, b) -> {
        double sum = vector != null ? vector.sum(g, a, n) : 0;
        for (int i = a; vector == null && i < b; i++) {
          sum += g[i];
        }
        float total = (float) sum;
        exp.run(y, out, a, b);
        for (int i = a; i < b; i++) {
          out[i] = g[i] - out[i] * total;
        }
      });
      return PureBuffer.of(out, output.shape());
    }
    double[] g = grad.doubles(name);
    double[] y = output.doubles(name);
    double[] out = ArrayPool.doubles(size);
    UnaryKernels.DoubleLoop exp = UnaryKernels.float64(UnaryOp.EXP);
    rows.forEach((a, b) -> {
      double sum = 0;
      for (int i = a; i < b; i++) {
        sum += g[i];
      }
      exp.run(y, out, a, b);
      for (int i = a; i < b; i++) {
        out[i] = g[i] - out[i] * sum;
      }
    });
    return PureBuffer.of(out, output.shape());
  }

  /** Work on the row of elements {@code [from, to)}. */
  @FunctionalInterface
  private interface RowBody {
    void run(int from, int to);
  }

  /** The rows along the last axis: their length, their count, and how many make one parallel range. */
  private record Rows(int length, int count, long grain) {
    /** {@code x}'s rows, refusing scalars and other dtypes than FLOAT32 and FLOAT64. */
    static Rows of(String name, PureBuffer x) {
      if (x.shape().rank() < 1 || !x.dtype().isFloatingPoint()) {
        throw new IllegalArgumentException(name + ": needs a FLOAT32 or FLOAT64 tensor of rank 1 or more, got "
            + x.dtype() + " " + x.shape());
      }
      int n = x.shape().dim(-1);
      return new Rows(n, n == 0 ? 0 : x.shape().sizeAsInt() / n,
          Math.max(1, Parallel.ELEMENTWISE_GRAIN / Math.max(1, n)));
    }

    /** Runs {@code body} on every row, rows in parallel ranges. */
    void forEach(RowBody body) {
      Parallel.forRange(count, grain, (from, to) -> {
        for (int r = (int) from; r < to; r++) {
          body.run(r * length, (r + 1) * length);
        }
      });
    }
  }
}
