package org.vae4j.serve.model;

/** A result made of rows that can be cut back into the rows of each request of a merged batch. */
public interface RowSlices<T> {
  /** Rows {@code [from, to)} of this result. */
  T rows(int from, int to);
}
