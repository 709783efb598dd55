package org.vae4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.ReduceOp;

/**
 * Reductions on libnd4j's {@code reduce_sum}, {@code reduce_max}, {@code reduce_min}, {@code argmax} and
 * {@code argmin}. Every method returns a fresh array that the caller owns.
 */
final class Nd4jReductions {

  private Nd4jReductions() {
  }

  /**
   * Reduces non-empty {@code x} over {@code axes} into {@code shape} (the kept or removed axes). libnd4j
   * accumulates FLOAT32 sums in FLOAT32 (summing 200,000 copies of 0.1 is off by 1.4e-4 relative), so
   * those are summed in FLOAT64 and rounded once (on the CPU over adjacent axes as one host loop,
   * two to three times faster than the FLOAT64 copy and {@code reduce_sum}).
   */
  static INDArray reduce(ReduceOp op, INDArray x, Shape xShape, int[] axes, boolean keepDims, Shape shape) {
    if (op == ReduceOp.SUM && x.dataType() == DataType.FLOAT && Nd4jHostLoops.available()) {
      float[] sums = Nd4jHostLoops.sumOverAxes(x, xShape, axes);
      if (sums != null) {
        return Nd4jHost.fromFloats(sums, shape);
      }
    }
    if (op == ReduceOp.SUM && x.dataType() == DataType.FLOAT) {
      try (INDArray wide = Nd4jOps.convert(x, DataType.DOUBLE, xShape);
          INDArray sum = reduce(op, wide, xShape, axes, keepDims, shape)) {
        return Nd4jOps.convert(sum, DataType.FLOAT, shape);
      }
    }
    String name = switch (op) {
      case SUM -> "reduce_sum";
      case MAX -> "reduce_max";
      case MIN -> "reduce_min";
    };
    INDArray out = Nd4jOps.alloc(x.dataType(), shape);
    try {
      Nd4jOps.call(name).in(x).out(out).ints(axes).booleans(keepDims).run();
      return out;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** INT32 index of the first largest or smallest element along {@code axis}, into {@code shape}. */
  static INDArray argReduce(ReduceOp op, INDArray x, int axis, Shape shape) {
    String name = switch (op) {
      case MAX -> "argmax";
      case MIN -> "argmin";
      case SUM -> throw new IllegalArgumentException("argReduce: SUM has no index; use MAX or MIN");
    };
    INDArray wide = Nd4jOps.alloc(DataType.INT64, shape);
    try {
      Nd4jOps.call(name).in(x).out(wide).ints(axis).run();
      return Nd4jOps.convert(wide, DataType.INT32, shape);
    } finally {
      wide.close();
    }
  }
}
