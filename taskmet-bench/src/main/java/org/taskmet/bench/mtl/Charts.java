package org.taskmet.bench.mtl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.taskmet.core.io.AtomicFiles;

/** PNG output of XChart charts, headless. */
final class Charts {
  private Charts() {}

  static XYChart chart(String title, String xTitle, String yTitle, int width, int height) {
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    chart.getStyler().setLegendVisible(true);
    return chart;
  }

  /** Writes {@code file} (must end in .png), atomically. */
  static void save(XYChart chart, Path file) throws IOException {
    AtomicFiles.write(png(file), out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
  }

  /** Writes the charts into one PNG, at most {@code maxColumns} per row (empty charts pad the last row). */
  static void saveGrid(List<XYChart> charts, int maxColumns, Path file) throws IOException {
    int cols = Math.min(maxColumns, charts.size());
    int rows = (charts.size() + cols - 1) / cols;
    List<XYChart> padded = new java.util.ArrayList<>(charts);
    XYChart first = charts.get(0);
    while (padded.size() < rows * cols) {
      padded.add(new XYChartBuilder().width(first.getWidth()).height(first.getHeight()).build());
    }
    AtomicFiles.write(png(file), out -> BitmapEncoder.saveBitmap(padded, rows, cols, out,
        BitmapEncoder.BitmapFormat.PNG));
  }

  private static Path png(Path file) {
    if (!file.toString().endsWith(".png")) {
      throw new IllegalArgumentException("chart file must end in .png: " + file);
    }
    return file;
  }
}
