package org.taskmet.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.taskmet.core.plugin.PluginRegistry;

/** The PNG figures of {@code taskmet reproduce}. */
public final class ReproducePlots {
  private ReproducePlots() {}

  /** Writes every figure the results allow; returns the files written. */
  public static List<Path> write(Path dir, ResultTable table, List<TrialResult> results, PluginRegistry registry) {
    List<Path> out = new ArrayList<>();
    out.add(decisionQualityBars(dir.resolve("decision-quality.png"), table));
    out.addAll(CubicFigure.write(dir, results, registry));
    return out;
  }

  /** Bar chart: normalized test DQ per task (groups) and method (series), error bars = 1 std. */
  static Path decisionQualityBars(Path file, ResultTable table) {
    Set<String> tasks = new LinkedHashSet<>();
    Set<String> rows = new LinkedHashSet<>();
    for (ResultTable.Cell c : table.cells()) {
      tasks.add(c.task());
      rows.add(c.row());
    }
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(520)
        .title("Normalized test decision quality (mean ± std over seeds)").xAxisTitle("task")
        .yAxisTitle("normalized DQ (0 = random, 1 = oracle)").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    List<String> taskList = List.copyOf(tasks);
    for (String row : rows) {
      List<Double> means = new ArrayList<>();
      List<Double> stds = new ArrayList<>();
      for (String task : taskList) {
        ResultTable.Cell cell = table.cells().stream()
            .filter(c -> c.task().equals(task) && c.row().equals(row)).findFirst().orElse(null);
        means.add(cell == null ? 0.0 : cell.mean());
        stds.add(cell == null ? 0.0 : cell.std());
      }
      chart.addSeries(row, taskList, means, stds);
    }
    save(chart, file);
    return file;
  }

  static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
    try {
      Files.createDirectories(file.getParent());
      BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
    }
  }
}
