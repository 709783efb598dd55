package org.vae4j.core.train;

import java.util.Objects;
import org.vae4j.api.DType;
import org.vae4j.api.Shape;
import org.vae4j.api.Tensor;
import org.vae4j.api.TensorFactory;

/**
 * One minibatch as tensors: {@link #inputs()} of shape {@code (N) ++ exampleShape} in the model's
 * floating-point dtype and, for labelled data, {@link #labels()}, INT32 of shape {@code (N)}.
 *
 * <p>The tensors belong to the scope that was open when the batch was made (the trainer's step scope);
 * a batch is valid only until that scope closes.
 */
public final class Batch {
  private final Tensor inputs;
  private final Tensor labels;

  private Batch(Tensor inputs, Tensor labels) {
    this.inputs = Objects.requireNonNull(inputs, "inputs");
    if (inputs.rank() < 1) {
      throw new IllegalArgumentException("Batch: inputs must have a batch axis, got shape " + inputs.shape());
    }
    if (labels != null && (labels.dtype() != DType.INT32 || !labels.shape().equals(Shape.of(inputs.dim(0))))) {
      throw new IllegalArgumentException("Batch: labels must be INT32 of shape (" + inputs.dim(0) + ") to match"
          + " inputs " + inputs.shape() + ", got " + labels.dtype() + " " + labels.shape());
    }
    this.labels = labels;
  }

  /** A batch of existing tensors; {@code labels} may be null. */
  public static Batch of(Tensor inputs, Tensor labels) {
    return new Batch(inputs, labels);
  }

  /**
   * Copies the examples {@code indices} of {@code dataset} (in that order) into new tensors made by
   * {@code factory}: inputs of {@code dtype}, labels INT32 when the dataset has them.
   */
  public static Batch from(Dataset dataset, int[] indices, TensorFactory factory, DType dtype) {
    if (!dtype.isFloatingPoint()) {
      throw new IllegalArgumentException("Batch.from: inputs need a floating-point dtype, got " + dtype);
    }
    int exampleSize = dataset.exampleShape().sizeAsInt();
    float[] values = new float[Math.multiplyExact(indices.length, exampleSize)];
    for (int i = 0; i < indices.length; i++) {
      dataset.copyExample(indices[i], values, i * exampleSize);
    }
    Shape shape = dataset.exampleShape().prepend(indices.length);
    Tensor x;
    if (dtype == DType.FLOAT32) {
      x = factory.of(values, shape);
    } else {
      double[] wide = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        wide[i] = values[i];
      }
      x = factory.of(wide, shape, dtype);
    }
    Tensor y = null;
    if (dataset.hasLabels()) {
      int[] labels = new int[indices.length];
      for (int i = 0; i < indices.length; i++) {
        labels[i] = dataset.label(indices[i]);
      }
      y = factory.of(labels, Shape.of(indices.length));
    }
    return new Batch(x, y);
  }

  /** The examples, {@code (N) ++ exampleShape}. */
  public Tensor inputs() {
    return inputs;
  }

  /** INT32 labels of shape {@code (N)}, or null for unlabelled data. */
  public Tensor labels() {
    return labels;
  }

  /** True when {@link #labels()} is not null. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** Number of examples N. */
  public int size() {
    return inputs.dim(0);
  }
}
