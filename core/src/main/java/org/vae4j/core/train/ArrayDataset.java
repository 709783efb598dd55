package org.vae4j.core.train;

import java.util.Objects;
import org.vae4j.api.Shape;

/** A {@link Dataset} over one float array of examples and an optional int array of labels. Immutable. */
final class ArrayDataset implements Dataset {
  private final float[] features;
  private final Shape exampleShape;
  private final int[] labels;
  private final int exampleSize;
  private final int size;

  ArrayDataset(float[] features, Shape exampleShape, int[] labels) {
    this.features = Objects.requireNonNull(features, "features");
    this.exampleShape = Objects.requireNonNull(exampleShape, "exampleShape");
    this.exampleSize = exampleShape.sizeAsInt();
    if (exampleSize == 0 || features.length % exampleSize != 0) {
      throw new IllegalArgumentException("Dataset.of: " + features.length + " feature values are not a whole"
          + " number of examples of shape " + exampleShape + " (" + exampleSize + " values each)");
    }
    this.size = features.length / exampleSize;
    if (labels != null && labels.length != size) {
      throw new IllegalArgumentException("Dataset.of: " + labels.length + " labels for " + size + " examples of"
          + " shape " + exampleShape + "; give one label per example or null");
    }
    this.labels = labels;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Shape exampleShape() {
    return exampleShape;
  }

  @Override
  public boolean hasLabels() {
    return labels != null;
  }

  @Override
  public void copyExample(int index, float[] destination, int offset) {
    Objects.checkIndex(index, size);
    System.arraycopy(features, index * exampleSize, destination, offset, exampleSize);
  }

  @Override
  public int label(int index) {
    if (labels == null) {
      throw new IllegalStateException("Dataset.label: this dataset of " + size + " examples has no labels");
    }
    return labels[Objects.checkIndex(index, size)];
  }
}
