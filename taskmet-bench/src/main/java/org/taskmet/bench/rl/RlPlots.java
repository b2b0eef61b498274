package org.taskmet.bench.rl;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.taskmet.core.io.AtomicFiles;
import org.taskmet.core.io.IoErrors;
import org.taskmet.core.rl.ModelLearning;

/** The PNG figures of an RL sweep. */
public final class RlPlots {
  /** Distractor dimensions shown one by one in the heat map (the rest enter only its mean column). */
  private static final int SHOWN_DISTRACTORS = 12;

  private RlPlots() {}

  /** Writes every figure the finished trials allow; returns the files. */
  public static List<Path> write(Path dir, RlReport report) {
    System.setProperty("java.awt.headless", "true");
    List<Path> files = new ArrayList<>();
    files.add(returnVersusDistractors(dir.resolve("return-vs-distractors.png"), report));
    files.add(returnCurves(dir.resolve("return-curves.png"), report));
    heatMap(dir.resolve("metric-heatmap.png"), report).ifPresent(files::add);
    return files;
  }

  /** The paper's figure: final return against the number of distractors, error bars = standard error over seeds. */
  static Path returnVersusDistractors(Path file, RlReport report) {
    XYChart chart = new XYChartBuilder().width(900).height(560).title("Final return vs distractors "
        + "(mean ± standard error over seeds; dashed: paper at 200k steps)").xAxisTitle("number of distractors")
        .yAxisTitle("episode return").build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(510.0);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    for (Map.Entry<String, TreeMap<Integer, List<RlReport.Run>>> m : report.byMethodAndDistractors().entrySet()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      List<Double> err = new ArrayList<>();
      List<Double> px = new ArrayList<>();
      List<Double> py = new ArrayList<>();
      List<Double> perr = new ArrayList<>();
      for (Map.Entry<Integer, List<RlReport.Run>> e : m.getValue().entrySet()) {
        RlReport.Stat st = RlReport.Stat.of(e.getValue().stream().map(r -> r.result().finalReturn()).toList());
        x.add((double) Math.max(1, e.getKey()));
        y.add(st.mean());
        err.add(st.standardError());
        PublishedReturns.lookup(m.getKey(), e.getKey()).ifPresent(p -> {
          px.add((double) e.getKey());
          py.add(p.mean());
          perr.add(p.error());
        });
      }
      String name = RlReport.displayName(m.getKey());
      XYSeries measured = chart.addSeries(name, x, y, err);
      measured.setMarker(SeriesMarkers.CIRCLE);
      if (!px.isEmpty()) {
        XYSeries paper = chart.addSeries(name + " (paper)", px, py, perr);
        paper.setLineColor(measured.getLineColor());
        paper.setMarkerColor(measured.getLineColor());
        paper.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f));
      }
    }
    save(chart, file);
    return file;
  }

  /** One panel per distractor count: the evaluation return over training, mean over seeds, per method. */
  static Path returnCurves(Path file, RlReport report) {
    List<XYChart> panels = new ArrayList<>();
    for (int k : report.distractorCounts()) {
      XYChart chart = new XYChartBuilder().width(560).height(380).title(k + " distractors (mean over seeds)")
          .xAxisTitle("environment steps").yAxisTitle("episode return").build();
      chart.getStyler().setYAxisMin(0.0);
      chart.getStyler().setYAxisMax(510.0);
      chart.getStyler().setMarkerSize(3);
      chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
      for (Map.Entry<String, TreeMap<Integer, List<RlReport.Run>>> m : report.byMethodAndDistractors().entrySet()) {
        List<RlReport.Run> runs = m.getValue().get(k);
        if (runs == null) {
          continue;
        }
        int points = runs.stream().mapToInt(r -> r.result().curve().size()).min().orElse(0);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < points; i++) {
          int index = i;
          x.add((double) runs.get(0).result().curve().get(i).step());
          y.add(runs.stream().mapToDouble(r -> r.result().curve().get(index).meanReturn()).average().orElse(0));
        }
        if (!x.isEmpty()) {
          chart.addSeries(RlReport.displayName(m.getKey()), x, y);
        }
      }
      panels.add(chart);
    }
    int cols = Math.min(3, panels.size());
    int rows = (panels.size() + cols - 1) / cols;
    while (panels.size() < rows * cols) {
      panels.add(new XYChartBuilder().width(560).height(380).build());
    }
    write(file, out -> BitmapEncoder.saveBitmap(panels, rows, cols, out, BitmapEncoder.BitmapFormat.PNG));
    return file;
  }

  /**
   * TaskMet's learned metric: its diagonal (mean over seeds) per distractor count (rows) and state dimension
   * (columns: the true dimensions, the first distractors, "mean n": the mean over all distractors).
   */
  static Optional<Path> heatMap(Path file, RlReport report) {
    TreeMap<Integer, List<RlReport.Run>> taskmet = report.byMethodAndDistractors().get(ModelLearning.TASKMET.label());
    if (taskmet == null) {
      return Optional.empty();
    }
    int trueDims = taskmet.firstEntry().getValue().get(0).result().trueDimensions();
    int shown = Math.min(SHOWN_DISTRACTORS, taskmet.lastKey());
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < trueDims; i++) {
      columns.add("s" + (i + 1));
    }
    for (int i = 0; i < shown; i++) {
      columns.add("n" + (i + 1));
    }
    columns.add("mean n");
    List<String> rows = new ArrayList<>();
    List<Number[]> heat = new ArrayList<>();
    int row = 0;
    for (Map.Entry<Integer, List<RlReport.Run>> e : taskmet.entrySet()) {
      rows.add(e.getKey() + " distractors");
      List<RlReport.Run> runs = e.getValue();
      for (int c = 0; c < columns.size(); c++) {
        double v;
        if (c == columns.size() - 1) {
          v = runs.stream().mapToDouble(r -> r.result().metricNoiseMean()).average().orElse(Double.NaN);
        } else {
          int dim = c;
          v = dim < runs.get(0).result().finalMetricDiagonal().length
              ? runs.stream().mapToDouble(r -> r.result().finalMetricDiagonal()[dim]).average().orElse(Double.NaN)
              : Double.NaN;
        }
        if (!Double.isNaN(v)) {
          heat.add(new Number[] {c, row, v});
        }
      }
      row++;
    }
    HeatMapChart chart = new HeatMapChartBuilder().width(1000).height(160 + 60 * rows.size())
        .title("TaskMet's learned metric: diagonal weight per state dimension "
            + "(s = true, n = distractor, mean n = their mean)")
        .xAxisTitle("state dimension").yAxisTitle("").build();
    chart.getStyler().setShowValue(true);
    chart.getStyler().setHeatMapValueDecimalPattern("0.00");
    chart.getStyler().setLegendVisible(false); // every cell prints its value; the legend's bounds print unformatted
    chart.addSeries("metric", columns, rows, heat);
    save(chart, file);
    return Optional.of(file);
  }

  private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
    write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
  }

  /** Writes a plot atomically: a full disk or a kill never leaves a truncated PNG. */
  private static void write(Path file, AtomicFiles.Content png) {
    try {
      AtomicFiles.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plot " + file + ": " + IoErrors.describe(e), e);
    }
  }
}
