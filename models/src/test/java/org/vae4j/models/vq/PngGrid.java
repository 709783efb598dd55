package org.vae4j.models.vq;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes 28x28 grey images with values in [0, 1] as one PNG grid (test scope only). */
final class PngGrid {
  private static final int SIDE = 28;

  private PngGrid() {
  }

  /**
   * Writes {@code pixels} ({@code count * 784} values, image after image) as rows of {@code columns}
   * images, each pixel drawn as a {@code scale x scale} block, white on black.
   */
  static void write(float[] pixels, int columns, int scale, Path file) {
    int count = pixels.length / (SIDE * SIDE);
    int rows = (count + columns - 1) / columns;
    int tile = SIDE * scale + 2;
    BufferedImage img = new BufferedImage(columns * tile, rows * tile, BufferedImage.TYPE_BYTE_GRAY);
    for (int i = 0; i < count; i++) {
      int x0 = (i % columns) * tile + 1;
      int y0 = (i / columns) * tile + 1;
      for (int y = 0; y < SIDE * scale; y++) {
        for (int x = 0; x < SIDE * scale; x++) {
          float v = pixels[i * SIDE * SIDE + (y / scale) * SIDE + x / scale];
          int g = Math.round(255 * Math.max(0f, Math.min(1f, v)));
          img.getRaster().setSample(x0 + x, y0 + y, 0, g);
        }
      }
    }
    try {
      ImageIO.write(img, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("PngGrid: cannot write " + file, e);
    }
  }
}
