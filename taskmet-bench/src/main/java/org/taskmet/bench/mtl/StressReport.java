package org.taskmet.bench.mtl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.taskmet.core.io.AtomicFiles;
import org.taskmet.core.provenance.BuildInfo;
import org.taskmet.tasks.mtl.DroStressTest;

/** The stress-test table (mean ± std over seeds), its result files and its plots. */
public final class StressReport {
  /** Mean and sample standard deviation. */
  public record Stat(double mean, double std) {
    static Stat of(double[] v) {
      double m = 0;
      for (double x : v) {
        m += x / v.length;
      }
      double s = 0;
      for (double x : v) {
        s += (x - m) * (x - m);
      }
      return new Stat(m, v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.3f ± %.3f", mean, std);
    }
  }

  /**
   * One table row.
   *
   * @param averageMse mean test MSE over the ten tasks
   * @param worstMse9 worst test MSE over tasks 1–9
   * @param worstMse10 worst test MSE over tasks 1–10
   * @param unlearnableWeight final weight share of task 10
   * @param costVsLs wall time per step divided by linear scalarization's (same seeds; noisy, see JMH)
   * @param runs seeds run
   * @param diverged seeds whose training diverged (excluded from the statistics)
   */
  public record Row(String method, Stat averageMse, Stat worstMse9, Stat worstMse10, Stat unlearnableWeight,
      Stat[] perTaskMse, double nanosPerStep, double costVsLs, int runs, int diverged) {}

  /** The methods whose weight trajectories are written and plotted. */
  public static final List<String> WEIGHT_TRAJECTORY_METHODS = List.of("group-dro", "lookahead-dro");

  private StressReport() {}

  public static List<Row> table(StressExperiment.Config config, List<StressExperiment.Run> runs) {
    double lsNanos = meanOf(runs, "ls", StressExperiment.Run::nanosPerStep);
    List<Row> rows = new ArrayList<>();
    for (String m : config.methods()) {
      List<StressExperiment.Run> all = runs.stream().filter(r -> r.method().equals(m)).toList();
      List<StressExperiment.Run> mine = all.stream().filter(r -> !r.diverged()).toList();
      Stat[] perTask = new Stat[DroStressTest.TASKS];
      for (int k = 0; k < perTask.length; k++) {
        final int task = k;
        perTask[k] = stat(mine, r -> r.testMse()[task]);
      }
      double nanos = meanOf(runs, m, StressExperiment.Run::nanosPerStep);
      rows.add(new Row(m, stat(mine, StressExperiment.Run::averageMse), stat(mine, r -> r.worstMse(9)),
          stat(mine, r -> r.worstMse(10)), stat(mine, r -> r.finalWeightShares()[9]), perTask, nanos,
          Double.isNaN(lsNanos) ? Double.NaN : nanos / lsNanos, all.size(), all.size() - mine.size()));
    }
    return rows;
  }

  /** A Markdown table of the rows. */
  public static String markdown(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| method | average MSE (10 tasks) | worst MSE (tasks 1–9) | worst MSE (1–10) | weight on task 10 "
        + "| µs/step | cost vs ls | diverged |\n|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.1f | %.2f× | %d/%d |%n", r.method(),
          r.averageMse(), r.worstMse9(), r.worstMse10(), r.unlearnableWeight(), r.nanosPerStep() / 1e3, r.costVsLs(),
          r.diverged(), r.runs()));
    }
    return sb.toString();
  }

  /**
   * Writes stress-summary.json, stress-table.md, stress-runs.csv, stress-weights.csv (weight trajectories of
   * {@link #WEIGHT_TRAJECTORY_METHODS}), stress-tradeoff.png and stress-weights.png.
   */
  public static List<Path> write(StressExperiment.Config config, List<StressExperiment.Run> runs, List<Row> rows,
      double wallSeconds, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path json = dir.resolve("stress-summary.json");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("benchmark", "mtl.md §4.4 DRO stress test");
    doc.put("build", BuildInfo.current());
    doc.put("config", config);
    doc.put("wallSeconds", wallSeconds);
    doc.put("table", rows);
    AtomicFiles.write(json, out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, doc));
    Path md = dir.resolve("stress-table.md");
    AtomicFiles.writeString(md, markdown(rows));
    Path csv = dir.resolve("stress-runs.csv");
    List<String> header = new ArrayList<>(List.of("method", "seed", "diverged", "average_mse", "worst_mse_1_9",
        "worst_mse_1_10", "weight_task10", "ns_per_step"));
    for (int k = 1; k <= DroStressTest.TASKS; k++) {
      header.add("mse_task" + k);
    }
    StringWriter csvText = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(csvText,
        CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).build())) {
      for (StressExperiment.Run r : runs) {
        List<Object> rec = new ArrayList<>(List.of(r.method(), r.seed(), r.diverged(), r.averageMse(), r.worstMse(9), r.worstMse(10),
            r.finalWeightShares()[9], r.nanosPerStep()));
        for (double v : r.testMse()) {
          rec.add(v);
        }
        p.printRecord(rec);
      }
    }
    AtomicFiles.writeString(csv, csvText.toString());
    Path weightsCsv = dir.resolve("stress-weights.csv");
    StringWriter weightsCsvText = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(weightsCsvText, CSVFormat.DEFAULT.builder().setHeader("method", "seed", "step",
        "task", "weight_share").build())) {
      for (StressExperiment.Run r : runs) {
        if (!WEIGHT_TRAJECTORY_METHODS.contains(r.method())) {
          continue; // the other methods' weights are in stress-runs.csv (final) only, to keep the file small
        }
        for (int i = 0; i < r.weightTrajectory().size(); i++) {
          int step = Math.min((i + 1) * config.recordEvery(), config.steps());
          for (int k = 0; k < DroStressTest.TASKS; k++) {
            p.printRecord(r.method(), r.seed(), step, k + 1, r.weightTrajectory().get(i)[k]);
          }
        }
      }
    }
    AtomicFiles.writeString(weightsCsv, weightsCsvText.toString());
    Path scatter = dir.resolve("stress-tradeoff.png");
    XYChart chart = Charts.chart("Stress test: average vs worst-task test MSE (mean over seeds)",
        "average MSE (10 tasks)", "worst MSE (tasks 1-9)", 800, 600);
    for (Row r : rows) {
      XYSeries s = chart.addSeries(r.method(), new double[] {r.averageMse().mean()},
          new double[] {r.worstMse9().mean()});
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }
    Charts.save(chart, scatter);
    List<Path> out = new ArrayList<>(List.of(json, md, csv, weightsCsv, scatter));
    List<XYChart> weightCharts = new ArrayList<>();
    for (String m : WEIGHT_TRAJECTORY_METHODS) {
      runs.stream().filter(r -> r.method().equals(m) && !r.diverged()).findFirst().ifPresent(r -> {
        XYChart c = Charts.chart(m + " task weights (seed " + r.seed() + ")", "step", "weight share", 700, 500);
        double[] steps = new double[r.weightTrajectory().size()];
        for (int i = 0; i < steps.length; i++) {
          steps[i] = Math.min((i + 1) * config.recordEvery(), config.steps());
        }
        for (int k = 0; k < DroStressTest.TASKS; k++) {
          final int task = k;
          XYSeries s = c.addSeries("task " + (k + 1) + " " + DroStressTest.role(k), steps,
              r.weightTrajectory().stream().mapToDouble(w -> w[task]).toArray());
          s.setMarker(SeriesMarkers.NONE);
        }
        weightCharts.add(c);
      });
    }
    if (!weightCharts.isEmpty()) {
      Path weights = dir.resolve("stress-weights.png");
      Charts.saveGrid(weightCharts, 2, weights);
      out.add(weights);
    }
    return out;
  }

  private static Stat stat(List<StressExperiment.Run> runs, ToDoubleFunction<StressExperiment.Run> f) {
    return Stat.of(runs.stream().mapToDouble(f).toArray());
  }

  private static double meanOf(List<StressExperiment.Run> runs, String method,
      ToDoubleFunction<StressExperiment.Run> f) {
    return runs.stream().filter(r -> r.method().equals(method) && !r.diverged()).mapToDouble(f).average()
        .orElse(Double.NaN);
  }
}
