package org.vae4j.examples.pictures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
  @TempDir
  Path dir;

  private static int count(BufferedImage img, Color c) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void lossPlotDrawsTrainAndTestCurves() throws IOException {
    Path file = dir.resolve("loss.png");
    LossPlot.write(file, new double[] {190, 140, 120, 112, 108}, new double[] {170, 131, Double.NaN, 110, 107},
        "negative ELBO (nats)");
    BufferedImage img = ImageIO.read(file.toFile());
    assertThat(img.getWidth()).isEqualTo(800);
    assertThat(img.getHeight()).isEqualTo(500);
    assertThat(count(img, Charts.PALETTE[0])).as("pixels of the train curve").isGreaterThan(100);
    assertThat(count(img, Charts.PALETTE[1])).as("pixels of the test curve").isGreaterThan(100);
  }

  @Test
  void lossPlotWithoutTestLossHasOneCurve() throws IOException {
    Path file = dir.resolve("loss.png");
    LossPlot.write(file, new double[] {3, 2}, new double[0], "loss");
    BufferedImage img = ImageIO.read(file.toFile());
    assertThat(count(img, Charts.PALETTE[0])).isGreaterThan(50);
    assertThat(count(img, Charts.PALETTE[1])).isZero();
  }

  @Test
  void lossPlotNeedsOneEpoch() {
    Path file = dir.resolve("loss.png");
    assertThatThrownBy(() -> LossPlot.write(file, new double[0], new double[0], "loss"))
        .hasMessage("loss plot " + file + ": no finite training loss among 0 epochs; write it after the first "
            + "epoch that ends with a finite loss");
    assertThatThrownBy(() -> LossPlot.write(file, new double[] {Double.NaN}, new double[] {1}, "loss"))
        .hasMessageContaining("no finite training loss among 1 epochs");
  }

  @Test
  void latentScatterColoursEachClass() throws IOException {
    int n = 300;
    float[] points = new float[2 * n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      double angle = 2 * Math.PI * labels[i] / 3;
      points[2 * i] = (float) (3 * Math.cos(angle) + Math.sin(i) * 0.8);
      points[2 * i + 1] = (float) (3 * Math.sin(angle) + Math.cos(i * 1.7) * 0.8);
    }
    Path file = dir.resolve("latent-scatter.png");
    LatentScatter.write(file, points, labels, List.of("zero", "one", "two"));
    BufferedImage img = ImageIO.read(file.toFile());
    assertThat(img.getWidth()).isEqualTo(800);
    assertThat(img.getHeight()).isEqualTo(700);
    for (int c = 0; c < 3; c++) {
      assertThat(count(img, Charts.PALETTE[c])).as("pixels of class %d", c).isGreaterThan(100);
    }
    assertThat(count(img, Charts.PALETTE[3])).isZero();
  }

  @Test
  void latentScatterChecksItsInput() {
    Path file = dir.resolve("s.png");
    assertThatThrownBy(() -> LatentScatter.write(file, new float[3], new int[2], List.of("a")))
        .hasMessage("latent scatter " + file + ": 3 coordinates for 2 labels; give 2 coordinates per label and "
            + "at least one point");
    assertThatThrownBy(() -> LatentScatter.write(file, new float[4], new int[] {0, 1}, List.of("a")))
        .hasMessage("latent scatter " + file + ": label 1 of point 1 has no class name; 1 names given");
  }
}
