package org.vae4j.examples.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vae4j.api.Shape;
import org.vae4j.core.train.EpochReport;
import org.vae4j.core.train.TrainingStart;
import org.vae4j.core.data.ImageDataset;

class ImageDatasetViewTest {
  private static final int PIXELS = 400;

  private static ImageDataset greys() {
    float[] p = new float[2 * PIXELS];
    for (int i = 0; i < p.length; i++) {
      p[i] = (i % 11) / 10f;
    }
    return new ImageDataset("greys", p, new int[] {0, 1}, 20, 20, 2);
  }

  private static float[] example(ImageDatasetView v, int index) {
    float[] out = new float[PIXELS + 3];
    v.copyExample(index, out, 3);
    return java.util.Arrays.copyOfRange(out, 3, out.length);
  }

  @Test
  void greyViewCopiesImagesAndLabels() {
    ImageDatasetView v = ImageDatasetView.grey(greys(), Shape.of(1, 20, 20));
    assertThat(v.size()).isEqualTo(2);
    assertThat(v.exampleShape()).isEqualTo(Shape.of(1, 20, 20));
    assertThat(example(v, 1)).containsExactly(greys().image(1));
    assertThat(v.label(1)).isEqualTo(1);
    assertThatThrownBy(() -> ImageDatasetView.grey(greys(), Shape.of(401))).hasMessageContaining("do not fill");
  }

  @Test
  void binarisationIsFixedPerEpochAndNewEachEpoch() {
    ImageDatasetView v = ImageDatasetView.dynamicallyBinarized(greys(), Shape.of(PIXELS), 7);
    v.onStart(new TrainingStart(5, 1, 0, 0, 2));
    float[] first = example(v, 0);
    assertThat(example(v, 0)).containsExactly(first);
    double mean = 0;
    float[] grey = greys().image(0);
    for (int i = 0; i < PIXELS; i++) {
      assertThat(first[i]).isIn(0f, 1f);
      if (grey[i] == 0f) {
        assertThat(first[i]).isZero();
      }
      if (grey[i] == 1f) {
        assertThat(first[i]).isEqualTo(1f);
      }
      mean += first[i] - grey[i];
    }
    // each pixel is 1 with probability equal to its grey level: the sum of differences is a few sigma at most
    assertThat(Math.abs(mean)).isLessThan(4 * Math.sqrt(PIXELS * 0.25));

    v.onEpoch(new EpochReport(0, 1, 1, 1, 1, 1, 0));
    assertThat(example(v, 0)).isNotEqualTo(first);
    // a run resumed at epoch 0 sees the same draws as the uninterrupted one
    v.onStart(new TrainingStart(5, 1, 0, 0, 2));
    assertThat(example(v, 0)).containsExactly(first);
  }
}
