package org.vae4j.examples.pictures;

import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Two latent coordinates of test images, one dot per image coloured by its label
 * ({@code latent-scatter.png}). Up to ten classes get distinct colours; more classes reuse them. Stateless
 * and thread-safe.
 */
public final class LatentScatter {
  private LatentScatter() {
  }

  /**
   * Writes the scatter plot to {@code file}, atomically.
   *
   * @param points     {@code n x 2} values row-major: point {@code i} is {@code (points[2i], points[2i+1])}
   * @param labels     {@code n} labels in [0, classNames.size())
   * @param classNames the legend entry of each class
   */
  public static void write(Path file, float[] points, int[] labels, List<String> classNames) {
    write(file, points, labels, classNames, "Latent codes of test images");
  }

  /** As {@link #write(Path, float[], int[], List)}, with the chart's title. */
  public static void write(Path file, float[] points, int[] labels, List<String> classNames, String title) {
    if (points.length != 2 * labels.length || labels.length == 0) {
      throw new IllegalArgumentException("latent scatter " + file + ": " + points.length + " coordinates for "
          + labels.length + " labels; give 2 coordinates per label and at least one point");
    }
    int k = classNames.size();
    int[] counts = new int[k];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw new IllegalArgumentException("latent scatter " + file + ": label " + labels[i] + " of point " + i
            + " has no class name; " + k + " names given");
      }
      counts[labels[i]]++;
    }
    XYChart chart = Charts.xyChart(800, 700, title, "z[0] (posterior mean)", "z[1] (posterior mean)");
    chart.getStyler().setMarkerSize(5);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    for (int c = 0; c < k; c++) {
      if (counts[c] == 0) {
        continue;
      }
      double[] x = new double[counts[c]];
      double[] y = new double[counts[c]];
      int j = 0;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == c) {
          x[j] = points[2 * i];
          y[j++] = points[2 * i + 1];
        }
      }
      XYSeries series = chart.addSeries(classNames.get(c), x, y);
      series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(Charts.PALETTE[c % Charts.PALETTE.length]);
    }
    Charts.writePng(chart, file);
  }
}
