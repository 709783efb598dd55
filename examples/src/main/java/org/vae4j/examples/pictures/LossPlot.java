package org.vae4j.examples.pictures;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
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
    if (Arrays.stream(trainLoss).noneMatch(Double::isFinite)) {
      throw new IllegalArgumentException("loss plot " + file + ": no finite training loss among "
          + trainLoss.length + " epochs; write it after the first epoch that ends with a finite loss");
    }
    XYChart chart = Charts.xyChart(800, 500, "Loss per epoch", "epoch", yTitle);
    chart.getStyler().setXAxisDecimalPattern("0").setMarkerSize(6);
    addSeries(chart, "train", trainLoss);
    addSeries(chart, "test", testLoss);
    Charts.writePng(chart, file);
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
