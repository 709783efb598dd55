package org.vae4j.backend.nd4j;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.factory.Nd4j;
import org.vae4j.api.Shape;

/**
 * Allocation of fresh ND4J arrays and execution of native ops, with errors that name the op and shapes.
 * Every array made here is 'c' order, owns its memory, and lives outside any workspace as long as the
 * caller runs outside one (see {@link Nd4jKernels}).
 */
final class Nd4jOps {

  private Nd4jOps() {
  }

  /** An uninitialized array; use only when an op overwrites every element. */
  static INDArray alloc(DataType dataType, Shape shape) {
    long[] dims = Nd4jTypes.dims(shape);
    return shape.size() == 0 ? Nd4j.create(dataType, dims) : Nd4j.createUninitialized(dataType, dims, 'c');
  }

  /** A zero-filled array. */
  static INDArray zeros(DataType dataType, Shape shape) {
    return Nd4j.create(dataType, Nd4jTypes.dims(shape));
  }

  /** An array of {@code shape} filled with {@code value} (converted to the type, truncated for integers). */
  static INDArray full(DataType dataType, Shape shape, double value) {
    INDArray out = alloc(dataType, shape);
    if (shape.size() > 0) {
      out.assign(value);
    }
    return out;
  }

  /** A new array with {@code source}'s shape and elements converted to {@code dataType} natively. */
  static INDArray convert(INDArray source, DataType dataType, Shape shape) {
    INDArray out = alloc(dataType, shape);
    if (shape.size() > 0) {
      out.assign(source);
    }
    return out;
  }

  /**
   * {@code x}'s row-major elements under {@code dims}, sharing x's memory (x is contiguous 'c' order):
   * writes to the view land in x. The view owns nothing and is never closed.
   */
  static INDArray view(INDArray x, long... dims) {
    INDArray v = x.reshape('c', dims);
    if (v.data().address() != x.data().address()) {
      throw new IllegalStateException("nd4j: reshape of " + Arrays.toString(x.shape()) + " to "
          + Arrays.toString(dims) + " copied instead of sharing memory");
    }
    return v;
  }

  /** Runs a legacy (transform, scalar, pairwise) op, naming it in any failure. */
  static void exec(String name, Op op) {
    try {
      Nd4j.getExecutioner().exec(op);
    } catch (RuntimeException e) {
      throw failure(name, e, op.x(), op.y());
    }
  }

  /** Starts a native custom op by its libnd4j name. */
  static Call call(String name) {
    return new Call(name);
  }

  private static IllegalStateException failure(String name, RuntimeException e, INDArray... inputs) {
    StringBuilder shapes = new StringBuilder();
    for (INDArray in : inputs) {
      if (in != null) {
        shapes.append(shapes.length() == 0 ? "" : ", ").append(Arrays.toString(in.shape()))
            .append(' ').append(in.dataType());
      }
    }
    return new IllegalStateException("nd4j: native op '" + name + "' failed on inputs " + shapes + ": "
        + e.getMessage(), e);
  }

  /** A custom op being assembled: inputs, outputs and arguments, then {@link #run()}. */
  static final class Call {
    private final DynamicCustomOp.DynamicCustomOpsBuilder builder;
    private final String name;
    private INDArray[] inputs = new INDArray[0];

    private Call(String name) {
      this.name = name;
      this.builder = DynamicCustomOp.builder(name);
    }

    Call in(INDArray... arrays) {
      inputs = arrays;
      builder.addInputs(arrays);
      return this;
    }

    Call out(INDArray... arrays) {
      builder.addOutputs(arrays);
      return this;
    }

    Call ints(int... values) {
      builder.addIntegerArguments(values);
      return this;
    }

    Call doubles(double... values) {
      Double[] boxed = new Double[values.length];
      for (int i = 0; i < values.length; i++) {
        boxed[i] = values[i];
      }
      builder.addFloatingPointArguments(boxed);
      return this;
    }

    Call booleans(boolean... values) {
      builder.addBooleanArguments(values);
      return this;
    }

    void run() {
      try {
        Nd4j.exec(builder.build());
      } catch (RuntimeException e) {
        throw failure(name, e, inputs);
      }
    }
  }
}
