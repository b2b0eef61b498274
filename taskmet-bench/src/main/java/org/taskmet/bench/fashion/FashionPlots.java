package org.taskmet.bench.fashion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots of the Fashion benchmark with XChart (headless: no window is opened). */
public final class FashionPlots {
  private FashionPlots() {}

  /**
   * Average-vs-worst trade-off scatter for one benchmark: one point per (method, flatness), the mean over
   * seeds, in percent. Methods are series so each gets its own colour; flatness is in the label.
   */
  public static Path tradeOff(List<FashionSummary.Row> rows, String benchmark, Path directory) {
    XYChart chart = new XYChartBuilder().width(900).height(650)
        .title("Fashion " + benchmark + ": average vs worst-task test accuracy (mean over seeds)")
        .xAxisTitle("average accuracy (%)").yAxisTitle("worst-task accuracy (%)").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(11);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    for (FashionSummary.Row r : rows) {
      if (!r.benchmark().equals(benchmark)) {
        continue;
      }
      XYSeries s = chart.addSeries(r.method() + " / " + r.flatness(),
          new double[] {100 * r.averageMean()}, new double[] {100 * r.worstMean()});
      s.setMarker("none".equals(r.flatness()) ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
    }
    return save(chart, directory.resolve("tradeoff-" + benchmark));
  }

  /** Task-weight trajectories of one trial: one line per task. */
  public static Path weightTrajectory(FashionTrialRecord r, int[] steps, double[][] weights, Path directory) {
    XYChart chart = new XYChartBuilder().width(900).height(550)
        .title("task weights: " + r.method() + " / " + r.flatness() + " on " + r.benchmark() + " (seed " + r.seed() + ")")
        .xAxisTitle("step").yAxisTitle("weight").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    double[] x = new double[steps.length];
    for (int i = 0; i < steps.length; i++) {
      x[i] = steps[i];
    }
    for (int k = 0; k < r.taskNames().size(); k++) {
      double[] y = new double[steps.length];
      for (int i = 0; i < steps.length; i++) {
        y[i] = weights[i][k];
      }
      chart.addSeries(r.taskNames().get(k), x, y).setMarker(SeriesMarkers.NONE);
    }
    return save(chart, directory.resolve(
        "weights-" + r.benchmark() + "-" + r.method() + "-" + r.flatness() + "-seed" + r.seed()));
  }

  /** The benchmarks present in {@code rows}, in order of appearance. */
  public static List<String> benchmarks(List<FashionSummary.Row> rows) {
    Set<String> names = new LinkedHashSet<>();
    rows.forEach(r -> names.add(r.benchmark()));
    return new ArrayList<>(names);
  }

  private static Path save(XYChart chart, Path withoutExtension) {
    try {
      BitmapEncoder.saveBitmap(chart, withoutExtension.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + withoutExtension + ".png: " + e.getMessage(), e);
    }
    return Path.of(withoutExtension + ".png");
  }
}
