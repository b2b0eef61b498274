package org.taskmet.bench.fashion;

import java.awt.Color;
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
import org.taskmet.core.io.AtomicFiles;
import org.taskmet.core.io.IoErrors;

/** PNG plots of the Fashion benchmark with XChart (headless: no window is opened). */
public final class FashionPlots {
  private static final Color[] METHOD_COLOURS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

  private FashionPlots() {}

  /**
   * Average-vs-worst trade-off scatter for one benchmark: one point per (method, flatness), the mean over
   * seeds, in percent. Each method has its own colour; circles are plain runs, diamonds FS-MTL.
   */
  public static Path tradeOff(List<FashionSummary.Row> rows, String benchmark, Path directory) {
    XYChart chart = new XYChartBuilder().width(900).height(650)
        .title(benchmark + ": average vs worst-task test accuracy (mean over seeds)")
        .xAxisTitle("average accuracy (%)").yAxisTitle("worst-task accuracy (%)").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(11);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    List<String> methods = new ArrayList<>();
    for (FashionSummary.Row r : rows) {
      if (!r.benchmark().equals(benchmark)) {
        continue;
      }
      if (!methods.contains(r.method())) {
        methods.add(r.method());
      }
      XYSeries s = chart.addSeries(r.method() + " / " + r.flatness(),
          new double[] {100 * r.averageMean()}, new double[] {100 * r.worstMean()});
      // one colour per method; circle = no flatness, diamond = FS-MTL
      s.setMarker("none".equals(r.flatness()) ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
      s.setMarkerColor(METHOD_COLOURS[methods.indexOf(r.method()) % METHOD_COLOURS.length]);
    }
    return save(chart, directory.resolve("tradeoff-" + benchmark));
  }

  /** Task-weight trajectories of one trial: one line per task. */
  public static Path weightTrajectory(FashionTrialRecord r, Path directory) {
    int[] steps = r.traceSteps();
    double[][] weights = r.traceWeights();
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
    return save(chart, directory.resolve("weights-" + r.benchmark() + "-"
        + r.method().replaceAll("[^A-Za-z0-9.-]+", "-") + "-" + r.flatness() + "-seed" + r.seed()));
  }

  /**
   * Validation curves of one benchmark: mean validation accuracy against the step, one line per (method,
   * flatness) for the trials of seed {@code seed}; the model selection picks each line's maximum.
   */
  public static Path validationCurves(List<FashionTrialRecord> trials, String benchmark, long seed, Path directory) {
    XYChart chart = new XYChartBuilder().width(900).height(550)
        .title(benchmark + ": mean validation accuracy (seed " + seed + ")")
        .xAxisTitle("step").yAxisTitle("validation accuracy (%)").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    List<String> methods = new ArrayList<>();
    for (FashionTrialRecord r : trials) {
      if (!r.benchmark().equals(benchmark) || r.seed() != seed || r.evaluationSteps().length == 0) {
        continue;
      }
      if (!methods.contains(r.method())) {
        methods.add(r.method());
      }
      double[] x = new double[r.evaluationSteps().length];
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.evaluationSteps()[i];
        y[i] = 100 * r.validationAverage()[i];
      }
      XYSeries s = chart.addSeries(r.method() + " / " + r.flatness(), x, y);
      s.setMarker("none".equals(r.flatness()) ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
      Color c = METHOD_COLOURS[methods.indexOf(r.method()) % METHOD_COLOURS.length];
      s.setLineColor(c);
      s.setMarkerColor(c);
    }
    if (chart.getSeriesMap().isEmpty()) {
      return null;
    }
    return save(chart, directory.resolve("validation-" + benchmark));
  }

  /**
   * Every plot of a finished sweep: per benchmark the trade-off plot and the validation curves of its first seed, and
   * the weight trajectories of group DRO and Lookahead-DRO (first seed).
   */
  public static List<Path> all(List<FashionTrialRecord> trials, List<FashionSummary.Row> rows, Path directory) {
    java.util.Map<String, Long> firstSeed = new java.util.LinkedHashMap<>();
    trials.forEach(r -> firstSeed.merge(r.benchmark(), r.seed(), Math::min));
    List<Path> files = new ArrayList<>();
    for (String b : benchmarks(rows)) {
      files.add(tradeOff(rows, b, directory));
      Path curves = validationCurves(trials, b, firstSeed.get(b), directory);
      if (curves != null) {
        files.add(curves);
      }
    }
    for (FashionTrialRecord r : trials) {
      boolean weighted = r.method().startsWith("group-dro") || r.method().startsWith("lookahead-dro");
      if (weighted && r.seed() == firstSeed.get(r.benchmark()) && r.traceSteps().length > 0) {
        files.add(weightTrajectory(r, directory));
      }
    }
    return files;
  }

  /** The benchmarks present in {@code rows}, in order of appearance. */
  public static List<String> benchmarks(List<FashionSummary.Row> rows) {
    Set<String> names = new LinkedHashSet<>();
    rows.forEach(r -> names.add(r.benchmark()));
    return new ArrayList<>(names);
  }

  /** Writes {@code withoutExtension}.png atomically: a full disk or a kill never leaves a truncated plot. */
  private static Path save(XYChart chart, Path withoutExtension) {
    Path file = withoutExtension.resolveSibling(withoutExtension.getFileName() + ".png");
    try {
      AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + IoErrors.describe(e), e);
    }
    return file;
  }
}
