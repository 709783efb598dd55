package org.vae4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;

/** Conversions between vae4j's and ND4J's names for element types and shapes. */
final class Nd4jTypes {

  private Nd4jTypes() {
  }

  static DataType nd(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> DataType.FLOAT;
      case FLOAT64 -> DataType.DOUBLE;
      case INT32 -> DataType.INT32;
    };
  }

  /** The vae4j type of an ND4J type this backend produces. */
  static DType vae(DataType dataType) {
    return switch (dataType) {
      case FLOAT -> DType.FLOAT32;
      case DOUBLE -> DType.FLOAT64;
      case INT -> DType.INT32;
      default -> throw new IllegalStateException("nd4j: an op produced element type " + dataType
          + ", which vae4j does not represent (FLOAT32, FLOAT64 and INT32 only)");
    };
  }

  static long[] dims(Shape shape) {
    int[] d = shape.dims();
    long[] r = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      r[i] = d[i];
    }
    return r;
  }
}
