package org.vae4j.examples.pictures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.vae4j.examples.io.AtomicFiles;

/**
 * Lays grey images out in a grid, scaled up by whole pixels and separated by a thin coloured border, and
 * writes the grid as a PNG.
 *
 * <p>Images are given as one float array, image after image, each {@code rows x cols} values row-major. A
 * value of 0 is black and 1 white; values outside [0, 1] are clamped, and NaN is drawn red so a diverged
 * model is seen at once. Cells fill the grid left to right, top to bottom; unused cells keep the border
 * colour.
 *
 * <p>Immutable and thread-safe.
 */
public final class ImageGrid {
  /** RGB of the border and of empty cells: a muted blue that no grey pixel can be mistaken for. */
  public static final int BORDER_RGB = 0x46_5A_8C;
  /** RGB of a NaN pixel. */
  public static final int NAN_RGB = 0xFF_00_00;

  private final int rows;
  private final int cols;
  private final int columns;
  private final int scale;
  private final int border;

  /**
   * A grid of images of {@code rows x cols}, {@code columns} to a grid row, scaled 3 times, with a 2-pixel
   * border.
   */
  public ImageGrid(int rows, int cols, int columns) {
    this(rows, cols, columns, 3, 2);
  }

  private ImageGrid(int rows, int cols, int columns, int scale, int border) {
    if (rows < 1 || cols < 1 || columns < 1 || scale < 1 || border < 0) {
      throw new IllegalArgumentException("image grid: rows " + rows + ", cols " + cols + ", columns " + columns
          + " and scale " + scale + " must be >= 1, border " + border + " >= 0");
    }
    this.rows = rows;
    this.cols = cols;
    this.columns = columns;
    this.scale = scale;
    this.border = border;
  }

  /** This grid with each image pixel drawn as {@code scale x scale} pixels. */
  public ImageGrid withScale(int scale) {
    return new ImageGrid(rows, cols, columns, scale, border);
  }

  /** This grid with borders {@code border} pixels wide (0 for none). */
  public ImageGrid withBorder(int border) {
    return new ImageGrid(rows, cols, columns, scale, border);
  }

  /** Images per grid row. */
  public int columns() {
    return columns;
  }

  /**
   * The grid of the first {@code count} images of {@code images}.
   *
   * @throws IllegalArgumentException when {@code images} holds fewer than {@code count} images
   */
  public BufferedImage render(float[] images, int count) {
    int d = rows * cols;
    if (count < 1) {
      throw new IllegalArgumentException("image grid: nothing to draw, count is " + count + "; give at least 1 image");
    }
    if ((long) count * d > images.length) {
      throw new IllegalArgumentException("image grid: " + count + " images of " + rows + "x" + cols + " need "
          + (long) count * d + " values, got " + images.length);
    }
    int gridRows = (count + columns - 1) / columns;
    int cellW = cols * scale;
    int cellH = rows * scale;
    int width = columns * cellW + (columns + 1) * border;
    int height = gridRows * cellH + (gridRows + 1) * border;
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] line = new int[width];
    Arrays.fill(line, BORDER_RGB);
    for (int y = 0; y < height; y++) {
      out.setRGB(0, y, width, 1, line, 0, width);
    }
    int[] cell = new int[cellW * cellH];
    for (int k = 0; k < count; k++) {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          int rgb = rgb(images[k * d + r * cols + c]);
          for (int dy = 0; dy < scale; dy++) {
            int base = (r * scale + dy) * cellW + c * scale;
            Arrays.fill(cell, base, base + scale, rgb);
          }
        }
      }
      int x0 = border + (k % columns) * (cellW + border);
      int y0 = border + (k / columns) * (cellH + border);
      out.setRGB(x0, y0, cellW, cellH, cell, 0, cellW);
    }
    return out;
  }

  /** Writes {@link #render} of the first {@code count} images to a PNG file, atomically. */
  public void write(Path file, float[] images, int count) {
    BufferedImage image = render(images, count);
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer in this Java runtime");
      }
    });
  }

  /** {@link #render} of the first {@code count} images as a {@link Figure}, to give a title, caption and labels. */
  public Figure figure(float[] images, int count) {
    BufferedImage body = render(images, count);
    int gridRows = (count + columns - 1) / columns;
    int[] rowCenters = new int[gridRows];
    for (int r = 0; r < gridRows; r++) {
      rowCenters[r] = border + r * (rows * scale + border) + rows * scale / 2;
    }
    int[] columnCenters = new int[columns];
    for (int c = 0; c < columns; c++) {
      columnCenters[c] = border + c * (cols * scale + border) + cols * scale / 2;
    }
    return new Figure(body, rowCenters, columnCenters);
  }

  /**
   * Inputs and their reconstructions as a {@link Figure}: each grid row of inputs above the row of their
   * reconstructions, the rows labelled {@code input} and {@code decoded}.
   */
  public Figure comparisonFigure(float[] inputs, float[] reconstructions, int count) {
    int gridRows = (count + columns - 1) / columns;
    List<String> labels = new ArrayList<>();
    for (int r = 0; r < gridRows; r++) {
      labels.add("input");
      labels.add("decoded");
    }
    return figure(interleaveRows(inputs, reconstructions, count), 2 * gridRows * columns).leftLabels(labels);
  }

  /**
   * Writes inputs and their reconstructions: each grid row of {@code columns} inputs is followed by a row
   * with the reconstructions of the same inputs.
   */
  public void writeComparison(Path file, float[] inputs, float[] reconstructions, int count) {
    write(file, interleaveRows(inputs, reconstructions, count), 2 * ((count + columns - 1) / columns) * columns);
  }

  /**
   * The images of {@code top} and {@code bottom} rearranged so that a grid of {@code columns()} columns
   * shows a row of {@code top} above the row of {@code bottom} at the same positions. Missing cells at the
   * end are black.
   */
  float[] interleaveRows(float[] top, float[] bottom, int count) {
    int d = rows * cols;
    if ((long) count * d > top.length || (long) count * d > bottom.length) {
      throw new IllegalArgumentException("image grid: " + count + " pairs of " + rows + "x" + cols
          + " images need " + (long) count * d + " values each, got " + top.length + " and " + bottom.length);
    }
    int gridRows = (count + columns - 1) / columns;
    float[] out = new float[2 * gridRows * columns * d];
    for (int k = 0; k < count; k++) {
      int row = k / columns;
      int col = k % columns;
      System.arraycopy(top, k * d, out, ((2 * row) * columns + col) * d, d);
      System.arraycopy(bottom, k * d, out, ((2 * row + 1) * columns + col) * d, d);
    }
    return out;
  }

  private static int rgb(float v) {
    if (Float.isNaN(v)) {
      return NAN_RGB;
    }
    int g = Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
    return g << 16 | g << 8 | g;
  }
}
