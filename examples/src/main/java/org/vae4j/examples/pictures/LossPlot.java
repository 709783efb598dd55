package org.vae4j.examples.pictures;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The loss curves of a run ({@code loss.png}): training and test loss against the epoch, one point per
 * epoch. Stateless and thread-safe.
 */
public final class LossPlot {
  private LossPlot() {
  }

  /**
   * Writes the plot to {@code file}, atomically.
   *
   * @param trainLoss loss of epoch {@code i + 1} at element {@code i}; at least one finite value (non-finite
   *                  values, e.g. of a diverged epoch, are left out)
   * @param testLoss  test loss of epoch {@code i + 1} at element {@code i}, NaN (or a shorter array) where the
   *                  test set was not evaluated; may be empty
   * @param yTitle    what the loss is, for the axis title (for example {@code negative ELBO (nats)})
   */
  public static void write(Path file, double[] trainLoss, double[] testLoss, String yTitle) {
    write(file, trainLoss, testLoss, yTitle, "Loss per epoch");
  }

  /**
   * As {@link #write(Path, double[], double[], String)}, with the chart's title. The epoch axis has a tick at
   * every whole epoch only, the loss axis one decimal, so a run of one epoch reads as well as one of a hundred.
   */
  public static void write(Path file, double[] trainLoss, double[] testLoss, String yTitle, String title) {
    if (Arrays.stream(trainLoss).noneMatch(Double::isFinite)) {
      throw new IllegalArgumentException("loss plot " + file + ": no finite training loss among "
          + trainLoss.length + " epochs; write it after the first epoch that ends with a finite loss");
    }
    XYChart chart = Charts.xyChart(800, 500, title, "epoch", yTitle);
    int epochs = Math.max(trainLoss.length, testLoss.length);
    XYStyler style = chart.getStyler();
    style.setMarkerSize(6);
    style.setXAxisDecimalPattern("0");
    if (epochs > 1) {
      style.setXAxisMin(1.0);
      style.setXAxisMax((double) epochs);
      style.setXAxisTickMarkSpacingHint(Math.max(40, 700 / epochs));
    }
    style.setYAxisDecimalPattern("#,##0.0");
    double[] range = finiteRange(trainLoss, testLoss);
    double pad = Math.max(1.0, 0.1 * (range[1] - range[0]));
    style.setYAxisMin(range[0] - pad);
    style.setYAxisMax(range[1] + pad);
    addSeries(chart, "train", trainLoss);
    addSeries(chart, "test", testLoss);
    Charts.writePng(chart, file);
  }

  private static double[] finiteRange(double[] a, double[] b) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] values : new double[][] {a, b}) {
      for (double v : values) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return new double[] {lo, hi};
  }

  private static void addSeries(XYChart chart, String name, double[] loss) {
    int[] epochs = IntStream.range(0, loss.length).filter(i -> Double.isFinite(loss[i])).toArray();
    if (epochs.length == 0) {
      return;
    }
    double[] x = Arrays.stream(epochs).mapToDouble(i -> i + 1).toArray();
    double[] y = Arrays.stream(epochs).mapToDouble(i -> loss[i]).toArray();
    XYSeries series = chart.addSeries(name, x, y);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.CIRCLE);
  }
}
