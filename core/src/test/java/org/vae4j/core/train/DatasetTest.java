package org.vae4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vae4j.api.Shape;

class DatasetTest {

  @Test
  void servesExamplesAndLabels() {
    Dataset d = Dataset.of(new float[] {1, 2, 3, 4, 5, 6}, Shape.of(1, 2), new int[] {7, 8, 9});
    assertThat(d.size()).isEqualTo(3);
    assertThat(d.hasLabels()).isTrue();
    float[] out = new float[5];
    d.copyExample(2, out, 1);
    assertThat(out).containsExactly(0, 5, 6, 0, 0);
    assertThat(d.label(1)).isEqualTo(8);
    assertThatThrownBy(() -> d.copyExample(3, out, 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void refusesInconsistentArrays() {
    assertThatThrownBy(() -> Dataset.of(new float[5], Shape.of(2), null))
        .hasMessage("Dataset.of: 5 feature values are not a whole number of examples of shape (2) (2 values each)");
    assertThatThrownBy(() -> Dataset.of(new float[4], Shape.of(2), new int[3]))
        .hasMessageContaining("3 labels for 2 examples");
    Dataset unlabelled = Dataset.of(new float[4], Shape.of(2), null);
    assertThatThrownBy(() -> unlabelled.label(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no labels");
  }
}
