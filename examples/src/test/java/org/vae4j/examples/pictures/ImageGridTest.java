package org.vae4j.examples.pictures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
  @TempDir
  Path dir;

  /** {@code count} images of 2x3; image k has value {@code (k + 1) / 10} everywhere except pixel (1, 2) = 1. */
  private static float[] images(int count) {
    float[] p = new float[count * 6];
    for (int k = 0; k < count; k++) {
      for (int j = 0; j < 6; j++) {
        p[k * 6 + j] = j == 5 ? 1f : (k + 1) / 10f;
      }
    }
    return p;
  }

  private static int grey(BufferedImage img, int x, int y) {
    int rgb = img.getRGB(x, y) & 0xffffff;
    assertThat(rgb >> 16).as("pixel (%d, %d) is grey", x, y).isEqualTo(rgb & 0xff).isEqualTo((rgb >> 8) & 0xff);
    return rgb & 0xff;
  }

  @Test
  void writesAScaledGridWithBordersThatReadsBack() throws IOException {
    Path file = dir.resolve("grid.png");
    new ImageGrid(2, 3, 2).withScale(2).withBorder(1).write(file, images(3), 3);

    BufferedImage img = ImageIO.read(file.toFile());
    // 2 columns of 3*2 pixels and 3 borders; 2 grid rows of 2*2 pixels and 3 borders
    assertThat(img.getWidth()).isEqualTo(2 * 6 + 3);
    assertThat(img.getHeight()).isEqualTo(2 * 4 + 3);
    assertThat(img.getRGB(0, 0) & 0xffffff).isEqualTo(ImageGrid.BORDER_RGB);
    assertThat(grey(img, 1, 1)).isEqualTo(Math.round(0.1f * 255));
    assertThat(grey(img, 2, 2)).isEqualTo(Math.round(0.1f * 255));
    // pixel (row 1, col 2) of image 0 covers x 5..6, y 3..4
    assertThat(grey(img, 6, 4)).isEqualTo(255);
    assertThat(img.getRGB(7, 1) & 0xffffff).isEqualTo(ImageGrid.BORDER_RGB);
    // image 1 starts after the middle border; image 2 on the second grid row
    assertThat(grey(img, 8, 1)).isEqualTo(Math.round(0.2f * 255));
    assertThat(grey(img, 1, 6)).isEqualTo(Math.round(0.3f * 255));
    // the fourth cell is empty
    assertThat(img.getRGB(9, 7) & 0xffffff).isEqualTo(ImageGrid.BORDER_RGB);
  }

  @Test
  void clampsOutOfRangeValuesAndPaintsNanRed() {
    float[] p = {-0.5f, 2f, Float.NaN, 0f};
    BufferedImage img = new ImageGrid(1, 4, 1).withScale(1).withBorder(0).render(p, 1);
    assertThat(img.getWidth()).isEqualTo(4);
    assertThat(img.getRGB(0, 0) & 0xffffff).isEqualTo(0x000000);
    assertThat(img.getRGB(1, 0) & 0xffffff).isEqualTo(0xffffff);
    assertThat(img.getRGB(2, 0) & 0xffffff).isEqualTo(ImageGrid.NAN_RGB);
  }

  @Test
  void comparisonPutsEachRowOfInputsAboveItsReconstructions() {
    ImageGrid grid = new ImageGrid(1, 1, 2);
    float[] inputs = {0.1f, 0.2f, 0.3f};
    float[] recon = {0.6f, 0.7f, 0.8f};
    assertThat(grid.interleaveRows(inputs, recon, 3))
        .containsExactly(0.1f, 0.2f, 0.6f, 0.7f, 0.3f, 0f, 0.8f, 0f);
  }

  @Test
  void comparisonFileHasTwiceTheRows() throws IOException {
    Path file = dir.resolve("recon.png");
    new ImageGrid(2, 3, 4).write(file, images(1), 1);
    new ImageGrid(2, 3, 4).writeComparison(file, images(6), images(6), 6);
    BufferedImage img = ImageIO.read(file.toFile());
    assertThat(img.getHeight()).isEqualTo(4 * 2 * 3 + 5 * 2);
    assertThat(img.getWidth()).isEqualTo(4 * 3 * 3 + 5 * 2);
  }

  @Test
  void tooFewValuesAreRefused() {
    assertThatThrownBy(() -> new ImageGrid(28, 28, 8).render(new float[784], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image grid: 2 images of 28x28 need 1568 values, got 784");
    assertThatThrownBy(() -> new ImageGrid(28, 28, 8).render(new float[784], 0))
        .hasMessage("image grid: nothing to draw, count is 0; give at least 1 image");
  }

  @Test
  void leavesNoTemporaryFileBehind() throws IOException {
    new ImageGrid(2, 3, 2).write(dir.resolve("a.png"), images(2), 2);
    new ImageGrid(2, 3, 2).write(dir.resolve("a.png"), images(4), 4);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("a.png");
    }
    assertThat(ImageIO.read(dir.resolve("a.png").toFile()).getHeight()).isEqualTo(2 * 6 + 3 * 2);
  }
}
