package org.vae4j.backend.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vae4j.api.Shape;
import org.vae4j.api.spi.GatherPositions;

/**
 * {@code torch.gather} and its adjoint scatter-add as Java loops over the arrays' host memory, on the CPU
 * build only ({@link Nd4jHostLoops#available}): libnd4j's {@code gather} over flat positions spends about
 * 0.4 us per index element (45 ms for the VQ-VAE's (6272, 16) codebook lookup) and
 * {@code unsorted_segment_sum} about 0.1 us; here each index element costs a few nanoseconds, and only the
 * elements indexed are touched. FLOAT32, FLOAT64 and INT32; every array passed owns its memory, results are
 * fresh and owned by the caller; indices are already checked. Thread-safe.
 */
final class Nd4jHostIndexing {

  private Nd4jHostIndexing() {
  }

  /** {@code out = x.gather(axis, index)}, of {@code indexShape}. */
  static INDArray gather(INDArray x, Shape xShape, int axis, int[] index, Shape indexShape) {
    int[] positions = GatherPositions.of("gather", xShape, indexShape, axis, index);
    DataType type = x.dataType();
    INDArray out = Nd4jOps.alloc(type, indexShape);
    if (type == DataType.FLOAT) {
      FloatBuffer src = Nd4jHostLoops.floats(x);
      float[] values = new float[positions.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = src.get(positions[i]);
      }
      Nd4jHostLoops.floats(out).put(values);
    } else if (type == DataType.DOUBLE) {
      DoubleBuffer src = Nd4jHostLoops.doubles(x);
      double[] values = new double[positions.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = src.get(positions[i]);
      }
      Nd4jHostLoops.doubles(out).put(values);
    } else {
      IntBuffer src = Nd4jHostLoops.bytes(x).asIntBuffer();
      int[] values = new int[positions.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = src.get(positions[i]);
      }
      Nd4jHostLoops.bytes(out).asIntBuffer().put(values);
    }
    return out;
  }

  /**
   * Zeros of {@code shape} with each element of {@code src} added at {@code index} along {@code axis}, in
   * the row-major order of src (the same sums as the pure backend's).
   */
  static INDArray scatterAdd(Shape shape, int axis, int[] index, INDArray src, Shape srcShape) {
    int[] positions = GatherPositions.of("scatterAdd", shape, srcShape, axis, index);
    DataType type = src.dataType();
    INDArray out = Nd4jOps.zeros(type, shape);
    if (type == DataType.FLOAT) {
      float[] values = Nd4jHost.toFloats(src, srcShape);
      FloatBuffer sums = Nd4jHostLoops.floats(out);
      for (int i = 0; i < values.length; i++) {
        sums.put(positions[i], sums.get(positions[i]) + values[i]);
      }
    } else if (type == DataType.DOUBLE) {
      double[] values = Nd4jHost.toDoubles(src, srcShape);
      DoubleBuffer sums = Nd4jHostLoops.doubles(out);
      for (int i = 0; i < values.length; i++) {
        sums.put(positions[i], sums.get(positions[i]) + values[i]);
      }
    } else {
      int[] values = Nd4jHost.toInts(src, srcShape);
      IntBuffer sums = Nd4jHostLoops.bytes(out).asIntBuffer();
      for (int i = 0; i < values.length; i++) {
        sums.put(positions[i], sums.get(positions[i]) + values[i]);
      }
    }
    return out;
  }
}
