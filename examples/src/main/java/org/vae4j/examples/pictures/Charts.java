package org.vae4j.examples.pictures;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.vae4j.examples.io.AtomicFiles;

/** The look shared by the XChart pictures, and writing a chart as a PNG atomically. */
final class Charts {
  /** Ten colours that stay distinct from each other (the Tableau 10 palette). */
  static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
      new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

  private Charts() {
  }

  /** An empty XY chart with white background, light grid and anti-aliasing. */
  static XYChart xyChart(int width, int height, String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE).setAntiAlias(true).setSeriesColors(PALETTE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE).setPlotBorderVisible(false);
    chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setLegendBorderColor(Color.LIGHT_GRAY);
    return chart;
  }

  /** Writes {@code chart} as a PNG to {@code file}, atomically. */
  static void writePng(XYChart chart, Path file) {
    byte[] png;
    try {
      png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as PNG: " + e.getMessage(), e);
    }
    AtomicFiles.write(file, png);
  }
}
