package org.vae4j.core.train;

import org.vae4j.api.Shape;

/**
 * A finite, indexable set of examples held on the host: each example is {@link #exampleShape()} floats
 * and, when {@link #hasLabels()}, one integer label. The {@link Trainer} copies the examples of a batch
 * into a host array and makes tensors from it inside the step's scope.
 *
 * <p>Implementations must be safe to read from several threads and must not change while a trainer uses
 * them.
 */
public interface Dataset {

  /** Number of examples. */
  int size();

  /** Shape of one example, without the batch axis ({@code (784)} or {@code (1, 28, 28)}). */
  Shape exampleShape();

  /** True when every example has an integer label. */
  boolean hasLabels();

  /**
   * Copies example {@code index}'s {@code exampleShape().size()} values, row-major, into
   * {@code destination} starting at {@code offset}.
   *
   * @throws IndexOutOfBoundsException for an index outside {@code [0, size())}
   */
  void copyExample(int index, float[] destination, int offset);

  /**
   * The label of example {@code index}.
   *
   * @throws IllegalStateException when the dataset has no labels
   */
  int label(int index);

  /**
   * A dataset over {@code features}, {@code n * exampleShape.size()} floats for n examples, with
   * {@code labels} (length n) or null. The arrays are used as they are, not copied: do not change them.
   */
  static Dataset of(float[] features, Shape exampleShape, int[] labels) {
    return new ArrayDataset(features, exampleShape, labels);
  }
}
