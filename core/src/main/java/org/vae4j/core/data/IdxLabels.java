package org.vae4j.core.data;

/**
 * The labels of one IDX file (magic {@code 0x00000801}).
 *
 * @param source where they were read from, for messages
 * @param labels one label per record, each in [0, 255]. Owned by this record; callers must not modify it.
 */
public record IdxLabels(String source, int[] labels) {

  /** Number of labels. */
  public int count() {
    return labels.length;
  }
}
