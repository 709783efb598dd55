package org.vae4j.api;

/**
 * An index tensor names a position outside the axis it indexes: thrown by {@code gather} and
 * {@code scatterAdd} (and what is built on them: embeddings, cross-entropy labels) on every backend, with
 * the same message, for example {@code gather: index 7 at element 3 is outside [0, 5) on axis 1 of (2, 5)}.
 * The element is the offending index's row-major position in the index tensor.
 */
public class IndexOutOfRangeException extends IndexOutOfBoundsException {
  private static final long serialVersionUID = 1L;

  private final String op;
  private final long index;
  private final long element;
  private final int axis;
  private final int size;

  /**
   * @param op      the operation, as the message names it
   * @param index   the offending index value
   * @param element its row-major position in the index tensor
   * @param axis    the axis indexed
   * @param target  the shape indexed (gather's input, scatterAdd's output)
   */
  public IndexOutOfRangeException(String op, long index, long element, int axis, Shape target) {
    super(op + ": index " + index + " at element " + element + " is outside [0, " + target.dim(axis)
        + ") on axis " + axis + " of " + target);
    this.op = op;
    this.index = index;
    this.element = element;
    this.axis = axis;
    this.size = target.dim(axis);
  }

  /**
   * The first of {@code indices} (an index tensor's elements, row-major) outside {@code [0, target.dim(axis))},
   * or null when every one is inside.
   */
  public static IndexOutOfRangeException firstOutOfRange(String op, int[] indices, int axis, Shape target) {
    int size = target.dim(axis);
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= size) {
        return new IndexOutOfRangeException(op, indices[i], i, axis, target);
      }
    }
    return null;
  }

  /** The operation that was refused. */
  public String op() {
    return op;
  }

  /** The offending index value. */
  public long index() {
    return index;
  }

  /** Its row-major position in the index tensor. */
  public long element() {
    return element;
  }

  /** The axis indexed. */
  public int axis() {
    return axis;
  }

  /** The size of that axis: valid indices are {@code 0 .. size - 1}. */
  public int size() {
    return size;
  }
}
