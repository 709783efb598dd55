package org.vae4j.api;

import java.util.Arrays;

/**
 * An immutable tensor shape: the size of each axis, outermost first. Rank 0 is a scalar.
 *
 * <p>Axis arguments accept negative values counted from the end, as in NumPy ({@code -1} is the last axis).
 * Thread-safe (immutable).
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final long size;

  private Shape(int[] dims) {
    long n = 1;
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("shape " + Arrays.toString(dims) + ": axis sizes must be >= 0");
      }
      n *= d;
    }
    this.dims = dims;
    this.size = n;
  }

  /** A shape with the given axis sizes; {@code of()} is the scalar shape. */
  public static Shape of(int... dims) {
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  /** The rank-0 shape of a scalar. */
  public static Shape scalar() {
    return SCALAR;
  }

  /** Number of axes. */
  public int rank() {
    return dims.length;
  }

  /** Size of axis {@code axis}; negative axes count from the end. */
  public int dim(int axis) {
    return dims[normalizeAxis(axis)];
  }

  /** A copy of the axis sizes. */
  public int[] dims() {
    return dims.clone();
  }

  /** Number of elements (1 for a scalar). */
  public long size() {
    return size;
  }

  /** Number of elements as an int, failing clearly when a shape is too large for one Java array. */
  public int sizeAsInt() {
    if (size > Integer.MAX_VALUE) {
      throw new ArithmeticException("shape " + this + " has " + size + " elements, more than one Java array holds");
    }
    return (int) size;
  }

  /** Maps a possibly negative axis to {@code [0, rank)}, naming the shape when it is out of range. */
  public int normalizeAxis(int axis) {
    int a = axis < 0 ? axis + dims.length : axis;
    if (a < 0 || a >= dims.length) {
      throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this
          + " of rank " + dims.length);
    }
    return a;
  }

  /** Row-major strides in elements: the step in a flat array for one step along each axis. */
  public int[] strides() {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /** This shape followed by {@code suffix}'s axes. */
  public Shape append(Shape suffix) {
    int[] r = Arrays.copyOf(dims, dims.length + suffix.dims.length);
    System.arraycopy(suffix.dims, 0, r, dims.length, suffix.dims.length);
    return new Shape(r);
  }

  /** This shape followed by the given axes. */
  public Shape append(int... suffix) {
    return append(Shape.of(suffix));
  }

  /** The given axes followed by this shape's. */
  public Shape prepend(int... prefix) {
    return Shape.of(prefix).append(this);
  }

  /** Axes {@code [from, to)}. */
  public Shape sub(int from, int to) {
    return Shape.of(Arrays.copyOfRange(dims, from, to));
  }

  /** The last {@code n} axes. */
  public Shape last(int n) {
    return sub(dims.length - n, dims.length);
  }

  /** All axes but the last {@code n}. */
  public Shape dropLast(int n) {
    return sub(0, dims.length - n);
  }

  /** True when this shape ends with {@code suffix}. */
  public boolean endsWith(Shape suffix) {
    if (suffix.rank() > rank()) {
      return false;
    }
    return last(suffix.rank()).equals(suffix);
  }

  /**
   * The NumPy broadcast of two shapes: axes aligned from the end, each pair equal or one of them 1.
   *
   * @param op the operation asking, named in the error
   * @throws IllegalArgumentException naming {@code op} and both shapes when they do not broadcast
   */
  public static Shape broadcast(String op, Shape a, Shape b) {
    if (a.equals(b)) {
      return a;
    }
    int rank = Math.max(a.rank(), b.rank());
    int[] r = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
      int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(op + ": shapes " + a + " and " + b
            + " do not broadcast (axis " + i + ": " + da + " vs " + db + ")");
      }
      r[i] = da == 1 ? db : da;
    }
    return new Shape(r);
  }

  /** True when this shape can be broadcast to {@code target} without changing {@code target}. */
  public boolean broadcastsTo(Shape target) {
    if (rank() > target.rank()) {
      return false;
    }
    int off = target.rank() - rank();
    for (int i = 0; i < rank(); i++) {
      if (dims[i] != 1 && dims[i] != target.dims[i + off]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** {@code (128, 784)}; a scalar prints as {@code ()}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(dims[i]);
    }
    return b.append(')').toString();
  }
}
