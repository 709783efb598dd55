package org.vae4j.serve.model;

import java.util.Arrays;
import java.util.List;

/**
 * {@code count} rows of {@code width} values each, row after row, with an optional label per row: a batch of
 * images, of latent codes or of results, on the host. Immutable by convention: the arrays are not copied,
 * so whoever makes a {@code Rows} hands its arrays over.
 *
 * @param values {@code count * width} values
 * @param count  number of rows, at least 1
 * @param labels one class per row, or null for models without labels
 */
public record Rows(float[] values, int count, int[] labels) implements RowSlices<Rows> {
  public Rows {
    if (count < 1 || values.length % count != 0) {
      throw new IllegalArgumentException("Rows: " + values.length + " values are not " + count + " equal rows");
    }
    if (labels != null && labels.length != count) {
      throw new IllegalArgumentException("Rows: " + labels.length + " labels for " + count + " rows");
    }
  }

  /** Rows without labels. */
  public static Rows of(float[] values, int count) {
    return new Rows(values, count, null);
  }

  /** Values per row. */
  public int width() {
    return values.length / count;
  }

  /** Row {@code i}, a copy. */
  public float[] row(int i) {
    int w = width();
    return Arrays.copyOfRange(values, i * w, (i + 1) * w);
  }

  /** Rows {@code [from, to)}, copies. */
  @Override
  public Rows rows(int from, int to) {
    int w = width();
    return new Rows(Arrays.copyOfRange(values, from * w, to * w), to - from,
        labels == null ? null : Arrays.copyOfRange(labels, from, to));
  }

  /**
   * The rows of every part, in order. The parts must have one width and either all or none have labels.
   *
   * @throws IllegalArgumentException when they do not
   */
  public static Rows concat(List<Rows> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int width = parts.get(0).width();
    boolean labelled = parts.get(0).labels != null;
    int count = 0;
    for (Rows p : parts) {
      if (p.width() != width || (p.labels != null) != labelled) {
        throw new IllegalArgumentException("Rows.concat: parts differ in width or in having labels");
      }
      count += p.count;
    }
    float[] values = new float[count * width];
    int[] labels = labelled ? new int[count] : null;
    int at = 0;
    for (Rows p : parts) {
      System.arraycopy(p.values, 0, values, at * width, p.values.length);
      if (labelled) {
        System.arraycopy(p.labels, 0, labels, at, p.count);
      }
      at += p.count;
    }
    return new Rows(values, count, labels);
  }
}
