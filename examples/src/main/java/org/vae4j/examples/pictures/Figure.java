package org.vae4j.examples.pictures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.vae4j.examples.io.AtomicFiles;

/**
 * An image grid made readable for a report: a title above it (what, which model, which data, which epoch), a
 * caption below it saying how to read it, labels beside its rows (inputs and reconstructions, the two ends of an
 * interpolation) and, for a picture of a latent plane, the latent values at ticks along both axes. Made by
 * {@link ImageGrid#figure}; a builder, not thread-safe.
 */
public final class Figure {
  private static final Color TEXT = new Color(0x222222);
  private static final Color TICK = new Color(0x555555);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final int PAD = 8;
  private static final int TICK_LENGTH = 4;

  private final BufferedImage grid;
  private final int[] rowCenters;
  private final int[] columnCenters;
  private String title = "";
  private String caption = "";
  private List<String> leftLabels = List.of();
  private List<String> rightLabels = List.of();
  private final Map<Integer, String> xTicks = new LinkedHashMap<>();
  private final Map<Integer, String> yTicks = new LinkedHashMap<>();
  private String xAxis = "";
  private String yAxis = "";

  Figure(BufferedImage grid, int[] rowCenters, int[] columnCenters) {
    this.grid = grid;
    this.rowCenters = rowCenters.clone();
    this.columnCenters = columnCenters.clone();
  }

  /** The line above the grid. */
  public Figure title(String text) {
    this.title = text;
    return this;
  }

  /** The text below the grid, wrapped to its width. */
  public Figure caption(String text) {
    this.caption = text;
    return this;
  }

  /** A label left of each grid row (fewer labels leave the last rows bare). */
  public Figure leftLabels(List<String> labels) {
    this.leftLabels = List.copyOf(labels);
    return this;
  }

  /** A label right of each grid row. */
  public Figure rightLabels(List<String> labels) {
    this.rightLabels = List.copyOf(labels);
    return this;
  }

  /** A tick with {@code label} below grid column {@code column}, and the axis title {@code axis}. */
  public Figure xTick(int column, String label, String axis) {
    xTicks.put(column, label);
    xAxis = axis;
    return this;
  }

  /** A tick with {@code label} left of grid row {@code row}, and the axis title {@code axis}. */
  public Figure yTick(int row, String label, String axis) {
    yTicks.put(row, label);
    yAxis = axis;
    return this;
  }

  /** The figure: white margins around the grid holding the texts. */
  public BufferedImage render() {
    FontMetrics small = metrics(SMALL);
    FontMetrics big = metrics(TITLE);
    int left = PAD + widest(small, leftLabels) + (leftLabels.isEmpty() ? 0 : PAD);
    if (!yTicks.isEmpty()) {
      left += small.getHeight() + PAD + widest(small, yTicks.values()) + TICK_LENGTH + 2;
    }
    int right = PAD + widest(small, rightLabels) + (rightLabels.isEmpty() ? 0 : PAD);
    int top = PAD + (title.isEmpty() ? 0 : big.getHeight() + PAD);
    int width = Math.max(left + grid.getWidth() + right, 360);
    int xAxisHeight = xTicks.isEmpty() ? 0 : TICK_LENGTH + small.getHeight() + small.getHeight() + PAD;
    List<String> captionLines = wrap(small, caption, width - 2 * PAD);
    int bottom = PAD + xAxisHeight + captionLines.size() * small.getHeight();
    int height = top + grid.getHeight() + bottom;
    int x0 = left + (width - left - right - grid.getWidth()) / 2;

    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.drawImage(grid, x0, top, null);
      g.setColor(TEXT);
      g.setFont(TITLE);
      g.drawString(title, (width - big.stringWidth(title)) / 2, PAD + big.getAscent());
      g.setFont(SMALL);
      for (int r = 0; r < rowCenters.length; r++) {
        int baseline = top + rowCenters[r] + small.getAscent() / 2 - 1;
        if (r < leftLabels.size()) {
          String s = leftLabels.get(r);
          g.drawString(s, x0 - PAD - small.stringWidth(s) - (yTicks.isEmpty() ? 0 : TICK_LENGTH), baseline);
        }
        if (r < rightLabels.size()) {
          g.drawString(rightLabels.get(r), x0 + grid.getWidth() + PAD, baseline);
        }
      }
      drawTicks(g, small, x0, top);
      int y = top + grid.getHeight() + PAD + xAxisHeight + small.getAscent();
      for (String line : captionLines) {
        g.drawString(line, PAD, y);
        y += small.getHeight();
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Writes {@link #render()} to a PNG file, atomically. */
  public void write(Path file) {
    BufferedImage image = render();
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer in this Java runtime");
      }
    });
  }

  private void drawTicks(Graphics2D g, FontMetrics small, int x0, int top) {
    g.setColor(TICK);
    int below = top + grid.getHeight();
    xTicks.forEach((column, label) -> {
      int x = x0 + columnCenters[column];
      g.drawLine(x, below, x, below + TICK_LENGTH);
      g.drawString(label, x - small.stringWidth(label) / 2, below + TICK_LENGTH + small.getAscent());
    });
    if (!xTicks.isEmpty()) {
      g.setColor(TEXT);
      g.drawString(xAxis, x0 + (grid.getWidth() - small.stringWidth(xAxis)) / 2,
          below + TICK_LENGTH + small.getHeight() + small.getAscent());
    }
    g.setColor(TICK);
    yTicks.forEach((row, label) -> {
      int y = top + rowCenters[row];
      g.drawLine(x0 - TICK_LENGTH, y, x0, y);
      g.drawString(label, x0 - TICK_LENGTH - 2 - small.stringWidth(label), y + small.getAscent() / 2 - 1);
    });
    if (!yTicks.isEmpty()) {
      g.setColor(TEXT);
      int x = x0 - TICK_LENGTH - 2 - widest(small, yTicks.values()) - PAD;
      int y = top + (grid.getHeight() + small.stringWidth(yAxis)) / 2;
      Graphics2D rotated = (Graphics2D) g.create();
      rotated.rotate(-Math.PI / 2, x, y);
      rotated.drawString(yAxis, x, y);
      rotated.dispose();
    }
  }

  private static FontMetrics metrics(Font font) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      return g.getFontMetrics(font);
    } finally {
      g.dispose();
    }
  }

  private static int widest(FontMetrics m, Iterable<String> texts) {
    int w = 0;
    for (String s : texts) {
      w = Math.max(w, m.stringWidth(s));
    }
    return w;
  }

  /** {@code text} in lines no wider than {@code width}, broken at spaces. */
  static List<String> wrap(FontMetrics m, String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && m.stringWidth(line + " " + word) > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
