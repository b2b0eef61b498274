package org.taskmet.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import org.taskmet.core.io.AtomicFiles;
import org.taskmet.core.io.IoErrors;

/** The PNG figures of a decision-focused sweep ({@code taskmet reproduce}). */
public final class ReproducePlots {
  private ReproducePlots() {}

  /** Bar chart: normalized test DQ per task (groups) and method (series), error bars = 1 std. */
  static Path decisionQualityBars(Path file, ResultTable table) {
    Set<String> tasks = new LinkedHashSet<>();
    Set<String> rows = new LinkedHashSet<>();
    for (ResultTable.Cell c : table.cells()) {
      tasks.add(category(c));
      rows.add(series(c));
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
            .filter(c -> category(c).equals(task) && series(c).equals(row)).findFirst().orElse(null);
        means.add(cell == null ? 0.0 : cell.mean());
        stds.add(cell == null ? 0.0 : cell.std());
      }
      chart.addSeries(row, taskList, means, stds);
    }
    save(chart, file);
    return file;
  }

  /** The bar group of a cell: its task label (or its first label). */
  private static String category(ResultTable.Cell c) {
    return c.group().containsKey(ResultTable.TASK) ? c.group().get(ResultTable.TASK)
        : c.group().values().stream().findFirst().orElse("all");
  }

  /** The bar series of a cell: its other labels. */
  private static String series(ResultTable.Cell c) {
    List<String> rest = new ArrayList<>(c.group().values());
    rest.remove(category(c));
    return rest.isEmpty() ? "trials" : String.join(", ", rest);
  }

  /** Writes {@code chart} as a PNG, atomically, creating the folder. */
  public static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
    try {
      AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plot " + IoErrors.describe(e), e);
    }
  }
}
