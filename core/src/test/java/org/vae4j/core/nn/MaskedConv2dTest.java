package org.vae4j.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vae4j.core.nn.MaskedConv2d.Mask;

/** The mask layouts, checked tap by tap on the host (the layer itself is exercised in the models tests). */
class MaskedConv2dTest {

  @Test
  void maskAKeepsTheRasterPastAndExcludesTheCentre() {
    assertThat(Mask.A.values(3, 3)).containsExactly(
        1, 1, 1,
        1, 0, 0,
        0, 0, 0);
    assertThat(Mask.A.values(5, 5)).containsExactly(
        1, 1, 1, 1, 1,
        1, 1, 1, 1, 1,
        1, 1, 0, 0, 0,
        0, 0, 0, 0, 0,
        0, 0, 0, 0, 0);
  }

  @Test
  void maskBIsMaskAPlusTheCentre() {
    assertThat(Mask.B.values(3, 3)).containsExactly(
        1, 1, 1,
        1, 1, 0,
        0, 0, 0);
    for (int k : new int[] {1, 3, 5, 7}) {
      double[] a = Mask.A.values(k, k);
      double[] b = Mask.B.values(k, k);
      int centre = (k / 2) * k + k / 2;
      for (int i = 0; i < a.length; i++) {
        assertThat(b[i]).as("tap %d of a %dx%d kernel", i, k, k).isEqualTo(i == centre ? 1.0 : a[i]);
      }
    }
  }

  @Test
  void rowKernelsGiveTheHorizontalStackMasks() {
    assertThat(Mask.A.values(1, 5)).containsExactly(1, 1, 0, 0, 0);
    assertThat(Mask.B.values(1, 5)).containsExactly(1, 1, 1, 0, 0);
  }

  @Test
  void verticalStackMasksKeepWholeRows() {
    assertThat(Mask.ROWS_ABOVE.values(3, 3)).containsExactly(
        1, 1, 1,
        0, 0, 0,
        0, 0, 0);
    assertThat(Mask.ROWS_ABOVE_AND_CENTRE.values(3, 3)).containsExactly(
        1, 1, 1,
        1, 1, 1,
        0, 0, 0);
  }

  @Test
  void keepsRejectsTapsOutsideTheKernel() {
    assertThatThrownBy(() -> Mask.A.keeps(3, 0, 3, 3)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("(3, 0)").hasMessageContaining("(3, 3)");
  }
}
