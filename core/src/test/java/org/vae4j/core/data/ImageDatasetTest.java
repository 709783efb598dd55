package org.vae4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {

  /** 10 images of 2x3 whose values are {@code (i * 6 + j) / 100}, labels {@code i % 3}. */
  private static ImageDataset tiny() {
    float[] p = new float[10 * 6];
    for (int i = 0; i < p.length; i++) {
      p[i] = i / 100f;
    }
    int[] labels = new int[10];
    Arrays.setAll(labels, i -> i % 3);
    return new ImageDataset("tiny", p, labels, 2, 3, 3);
  }

  @Test
  void fromIdxScalesGreyLevelsToUnitInterval() {
    IdxImages images = new IdxImages("img", 2, 1, 2, new byte[] {0, (byte) 255, (byte) 51, (byte) 128});
    ImageDataset d = ImageDataset.fromIdx("x", images, new IdxLabels("lab", new int[] {1, 0}), 2);
    assertThat(d.image(0)).containsExactly(0f, 1f);
    assertThat(d.image(1)).containsExactly(0.2f, 128 / 255f);
    assertThat(d.labels()).containsExactly(1, 0);
    assertThat(d.classCounts()).containsExactly(1, 1);
    assertThat(d.pixelsPerImage()).isEqualTo(2);
  }

  @Test
  void countsOfImagesAndLabelsMustAgree() {
    IdxImages images = new IdxImages("train-images", 2, 1, 1, new byte[2]);
    assertThatThrownBy(() -> ImageDataset.fromIdx("x", images, new IdxLabels("train-labels", new int[3]), 10))
        .isInstanceOf(DatasetException.class)
        .hasMessage("train-images holds 2 images but train-labels holds 3 labels; use an image file and the "
            + "label file that belongs to it");
  }

  @Test
  void labelsMustBeBelowTheNumberOfClasses() {
    IdxImages images = new IdxImages("img", 2, 1, 1, new byte[2]);
    assertThatThrownBy(() -> ImageDataset.fromIdx("x", images, new IdxLabels("lab", new int[] {3, 12}), 10))
        .isInstanceOf(DatasetException.class).hasMessageStartingWith("lab: label 12 of record 1 is not below 10");
    assertThatThrownBy(() -> new ImageDataset("y", new float[] {2f}, new int[] {0}, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("y: pixel value 2.0 of image 0 is outside [0, 1]");
  }

  @Test
  void binarisationIsBernoulliPerPixelAndFixedBySeed() {
    float[] p = new float[20_000];
    for (int i = 0; i < p.length; i++) {
      p[i] = i % 4 == 0 ? 0f : i % 4 == 1 ? 1f : 0.3f;
    }
    ImageDataset d = new ImageDataset("p", p, new int[100], 10, 20, 1);

    ImageDataset a = d.binarized(5L);
    ImageDataset b = d.binarized(5L);
    ImageDataset c = d.binarized(6L);
    float[] all = a.slice(0, 100).images();
    assertThat(all).containsOnly(0f, 1f).containsExactly(b.slice(0, 100).images());
    assertThat(c.slice(0, 100).images()).isNotEqualTo(all);
    double ones = 0;
    for (int i = 0; i < all.length; i++) {
      if (i % 4 == 0) {
        assertThat(all[i]).isZero();
      } else if (i % 4 == 1) {
        assertThat(all[i]).isEqualTo(1f);
      } else {
        ones += all[i];
      }
    }
    // 10,000 draws of p = 0.3: standard error 0.0046
    assertThat(ones / 10_000).isCloseTo(0.3, within(0.02));
    assertThat(a.labels()).containsExactly(d.labels());
    assertThat(ImageDataset.bernoulli(d.slice(0, 1).images(), new SplittableRandom(5L)))
        .containsExactly(Arrays.copyOf(all, 200));
  }

  @Test
  void headAndSliceKeepOrder() {
    ImageDataset d = tiny();
    assertThat(d.head(3).size()).isEqualTo(3);
    assertThat(d.head(3).image(2)).containsExactly(d.image(2));
    assertThat(d.head(50).size()).isEqualTo(10);
    assertThat(d.slice(8, 10).indices()).containsExactly(8, 9);
    assertThatThrownBy(() -> d.slice(8, 11)).hasMessage("tiny: slice [8, 11) is outside [0, 10)");
    assertThatThrownBy(() -> d.image(10)).hasMessage("tiny: image 10 is outside [0, 10)");
  }

  @Test
  void anImageFileOfNoImagesOrOfNoPixelsIsRefusedWithOneLine() {
    IdxLabels none = new IdxLabels("lab", new int[0]);
    assertThatThrownBy(() -> ImageDataset.fromIdx("x", new IdxImages("img", 0, 28, 28, new byte[0]), none, 10))
        .isInstanceOf(DatasetException.class)
        .hasMessage("img holds 0 images; a data set needs at least one image in each part, give a complete IDX "
            + "image file");
    IdxLabels two = new IdxLabels("lab", new int[] {0, 1});
    assertThatThrownBy(() -> ImageDataset.fromIdx("x", new IdxImages("img", 2, 0, 0, new byte[0]), two, 10))
        .isInstanceOf(DatasetException.class)
        .hasMessage("img holds images of 0x0 pixels; images need at least 1x1 pixels, give an MNIST-layout image "
            + "file");
  }

  @Test
  void shuffledBatchesCoverEveryImageOnceWithAPartialLastBatchAndRepeatForASeed() {
    ImageDataset d = tiny();
    int[] sizes = new int[4];
    int[] seen = new int[10];
    int b = 0;
    for (ImageBatch batch : d.shuffledBatches(4, new SplittableRandom(5))) {
      sizes[b++] = batch.size();
      for (int i = 0; i < batch.size(); i++) {
        int index = batch.indices()[i];
        seen[index]++;
        assertThat(Arrays.copyOfRange(batch.images(), i * 6, (i + 1) * 6)).containsExactly(d.image(index));
        assertThat(batch.labels()[i]).isEqualTo(d.label(index));
      }
    }
    assertThat(Arrays.copyOf(sizes, b)).containsExactly(4, 4, 2);
    assertThat(seen).containsOnly(1);
    int[] first = d.shuffledBatches(10, new SplittableRandom(5)).iterator().next().indices();
    int[] again = d.shuffledBatches(10, new SplittableRandom(5)).iterator().next().indices();
    int[] other = d.shuffledBatches(10, new SplittableRandom(6)).iterator().next().indices();
    assertThat(again).containsExactly(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(first).isNotEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    assertThat(d.batches(3).iterator().next().indices()).containsExactly(0, 1, 2);
  }

  @Test
  void aSplitPartitionsTheImagesAndKeepsTheClasses() {
    TrainTest t = tiny().split(3, new SplittableRandom(1), java.util.List.of("a", "b", "c"));
    assertThat(t.train().size()).isEqualTo(7);
    assertThat(t.test().size()).isEqualTo(3);
    assertThat(t.test().numClasses()).isEqualTo(3);
    float[] firstValues = new float[10];
    int k = 0;
    for (ImageDataset part : new ImageDataset[] {t.train(), t.test()}) {
      for (int i = 0; i < part.size(); i++) {
        firstValues[k++] = part.image(i)[0];
      }
    }
    Arrays.sort(firstValues);
    for (int i = 0; i < 10; i++) {
      assertThat(firstValues[i]).isEqualTo(i * 6 / 100f);
    }
    assertThatThrownBy(() -> tiny().split(10, new SplittableRandom(1), java.util.List.of("a", "b", "c")))
        .hasMessage("tiny: a test part of 10 images does not split 10 images; give a size in [1, 9]");
  }
}
