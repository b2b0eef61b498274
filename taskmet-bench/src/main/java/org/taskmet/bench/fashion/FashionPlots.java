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
  private static final Color[] COLOURS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

  private FashionPlots() {}

  /**
   * Average-vs-worst trade-off scatter for one benchmark: one point per (method, flatness, setting), the mean over
   * seeds, in percent. Each method (and setting) has its own colour; circles are plain runs, diamonds FS-MTL.
   */
  public static Path tradeOff(List<FashionSummary.Row> rows, String benchmark, Path directory) {
    XYChart chart = new XYChartBuilder().width(900).height(650)
        .title(benchmark + ": average vs worst-task test accuracy (mean over seeds)")
        .xAxisTitle("average accuracy (%)").yAxisTitle("worst-task accuracy (%)").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(11);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    List<String> colourKeys = new ArrayList<>();
    for (FashionSummary.Row r : rows) {
      if (r.benchmark().equals(benchmark)) {
        XYSeries s = chart.addSeries(seriesName(r.method(), r.flatness(), r.setting()),
            new double[] {100 * r.averageMean()}, new double[] {100 * r.worstMean()});
        style(s, r.method(), r.flatness(), r.setting(), colourKeys);
      }
    }
    return save(chart, directory.resolve("tradeoff-" + benchmark));
  }

  /** Task-weight trajectories of one trial: one line per task. */
  public static Path weightTrajectory(FashionSummary.LabelledTrial trial, Path directory) {
    FashionTrialRecord r = trial.record();
    int[] steps = r.traceSteps();
    double[][] weights = r.traceWeights();
    XYChart chart = new XYChartBuilder().width(900).height(550)
        .title("task weights: " + seriesName(r.method(), r.flatness(), trial.setting()) + " on " + r.benchmark()
            + " (seed " + r.seed() + ")")
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
    String setting = trial.setting().isEmpty() ? "" : "-" + fileSafe(trial.setting());
    return save(chart, directory.resolve("weights-" + r.benchmark() + "-" + fileSafe(r.method()) + "-"
        + r.flatness() + setting + "-seed" + r.seed()));
  }

  /**
   * Validation curves of one benchmark: mean validation accuracy against the step, one line per (method,
   * flatness, setting) for the trials of seed {@code seed}; the model selection picks each line's maximum.
   */
  public static Path validationCurves(List<FashionSummary.LabelledTrial> trials, String benchmark, long seed,
      Path directory) {
    XYChart chart = new XYChartBuilder().width(900).height(550)
        .title(benchmark + ": mean validation accuracy (seed " + seed + ")")
        .xAxisTitle("step").yAxisTitle("validation accuracy (%)").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    List<String> colourKeys = new ArrayList<>();
    for (FashionSummary.LabelledTrial t : trials) {
      FashionTrialRecord r = t.record();
      if (!r.benchmark().equals(benchmark) || r.seed() != seed || r.evaluationSteps().length == 0) {
        continue;
      }
      double[] x = new double[r.evaluationSteps().length];
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.evaluationSteps()[i];
        y[i] = 100 * r.validationAverage()[i];
      }
      XYSeries s = chart.addSeries(seriesName(r.method(), r.flatness(), t.setting()), x, y);
      style(s, r.method(), r.flatness(), t.setting(), colourKeys);
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
  public static List<Path> all(List<FashionSummary.LabelledTrial> trials, List<FashionSummary.Row> rows,
      Path directory) {
    java.util.Map<String, Long> firstSeed = new java.util.LinkedHashMap<>();
    trials.forEach(t -> firstSeed.merge(t.record().benchmark(), t.record().seed(), Math::min));
    List<Path> files = new ArrayList<>();
    for (String b : benchmarks(rows)) {
      files.add(tradeOff(rows, b, directory));
      Path curves = validationCurves(trials, b, firstSeed.get(b), directory);
      if (curves != null) {
        files.add(curves);
      }
    }
    for (FashionSummary.LabelledTrial t : trials) {
      FashionTrialRecord r = t.record();
      boolean weighted = r.method().startsWith("group-dro") || r.method().startsWith("lookahead-dro");
      if (weighted && r.seed() == firstSeed.get(r.benchmark()) && r.traceSteps().length > 0) {
        files.add(weightTrajectory(t, directory));
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

  /** "method / flatness", then " / setting" when the sweep has other axes: unique per table row. */
  private static String seriesName(String method, String flatness, String setting) {
    return method + " / " + flatness + (setting.isEmpty() ? "" : " / " + setting);
  }

  /** One colour per (method, setting), in order of appearance; circle = no flatness, diamond = FS-MTL. */
  private static void style(XYSeries s, String method, String flatness, String setting, List<String> colourKeys) {
    String key = method + "\u0000" + setting;
    if (!colourKeys.contains(key)) {
      colourKeys.add(key);
    }
    Color c = COLOURS[colourKeys.indexOf(key) % COLOURS.length];
    s.setMarker("none".equals(flatness) ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
    s.setMarkerColor(c);
    s.setLineColor(c);
  }

  private static String fileSafe(String text) {
    return text.replaceAll("[^A-Za-z0-9.-]+", "-");
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
