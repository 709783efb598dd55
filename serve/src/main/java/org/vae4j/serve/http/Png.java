package org.vae4j.serve.http;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Grey-level images in [0, 1] as base64 PNG files (8-bit grey, one pixel per value, no scaling). */
final class Png {
  private Png() {
  }

  /** The base64 PNG of one {@code rows x cols} image (values clamped to [0, 1]). */
  static String base64(float[] pixels, int rows, int cols) {
    BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float v = Math.max(0f, Math.min(1f, pixels[r * cols + c]));
        img.getRaster().setSample(c, r, 0, Math.round(v * 255));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
