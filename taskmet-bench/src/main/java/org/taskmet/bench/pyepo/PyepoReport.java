package org.taskmet.bench.pyepo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.taskmet.bench.run.DecisionTrialResult;
import org.taskmet.bench.run.DecisionTrialSpec;
import org.taskmet.bench.run.ReproducePlots;
import org.taskmet.bench.sweep.FinishedTrial;
import org.taskmet.bench.sweep.ScoreTable;
import org.taskmet.bench.sweep.SweepReport;
import org.taskmet.core.io.AtomicFiles;
import org.taskmet.core.io.IoErrors;

/**
 * The PyEPO suite's report: per group of trials (labels without the seed) the normalized test regret, mean ± std
 * over seeds, beside PyEPO's published notebook value where the trial runs the notebook setup; the unambiguous
 * regret, the test MSE, and the CPU time of one training epoch of PyEPO's methods. Plots: regret by method, regret
 * against the polynomial degree as box plots over seeds (as the PyEPO paper shows it; when the sweep varies
 * {@code deg}), and the learning curves (validation regret by epoch) of the methods that record them.
 */
final class PyepoReport implements SweepReport<DecisionTrialSpec, DecisionTrialResult> {
  static final String METHOD = "method";
  /** More settings than this in one bar chart would be unreadable: the bars then average over each task's grid. */
  private static final int MAX_BAR_SERIES = 8;
  /** Learning-curve panels drawn at most (the first settings in plan order). */
  private static final int MAX_CURVE_PANELS = 12;

  /** The trials of one group: one method in one setting, over seeds. */
  record Group(Map<String, String> labels, List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> trials) {
    DecisionTrialSpec spec() {
      return trials.get(0).spec();
    }

    String method() {
      return labels.getOrDefault(METHOD, spec().method());
    }

    /** The group's labels without the method: the setting, e.g. "shortest-path" or "shortest-path, deg=2". */
    String setting() {
      String s = labels.entrySet().stream().filter(e -> !e.getKey().equals(METHOD))
          .map(e -> e.getKey().equals("task") ? e.getValue() : shortKey(e.getKey()) + "=" + e.getValue())
          .collect(Collectors.joining(", "));
      return s.isEmpty() ? spec().task() : s;
    }

    ScoreTable.Stat stat(String score) {
      List<Double> v = values(score);
      return v.isEmpty() ? null : ScoreTable.Stat.of(v);
    }

    List<Double> values(String score) {
      return trials.stream().map(t -> t.result().scores().get(score)).filter(x -> x != null).toList();
    }

    Optional<Double> meanDiagnostic(String key) {
      List<Double> v = trials.stream().map(t -> t.result().diagnostics().get(key)).filter(x -> x != null).toList();
      return v.isEmpty() ? Optional.empty() : Optional.of(v.stream().mapToDouble(Double::doubleValue).sum() / v.size());
    }

    double meanTrainSeconds() {
      return trials.stream().mapToDouble(t -> t.result().trainSeconds()).sum() / trials.size();
    }
  }

  @Override
  public Report write(List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> trials, Context context) {
    List<Group> groups = groups(trials);
    StringBuilder sb = new StringBuilder("## Normalized test regret (PyEPO's Σ regret / Σ |z*|; lower is better)\n\n");
    sb.append(table(groups)).append('\n');
    sb.append("Regret in % of the optimal objective, mean ± std over seeds (each seed its own data draw and model\n");
    sb.append("initialization). PyEPO notebook: the single run (seed 42) of PyEPO's notebook \"03 Training and\n");
    sb.append("Testing\"; between its epochs 14 and 20 SPO+ moves by about ±0.3 pp and DBB by ±4 pp, so compare with\n");
    sb.append("the band, not the digits. `!` marks a published value outside the measured mean ± 2 std.\n");
    sb.append("CPU ms/epoch: the training loop of PyEPO's methods (no validation), on this run's machine and load.\n");
    List<Path> plots = new ArrayList<>();
    if (context.plots() && !groups.isEmpty()) {
      Path dir = context.store().directory();
      plots.add(regretByMethod(dir.resolve("regret-by-method.png"), groups));
      plots.addAll(regretVersusDegree(dir, groups));
      learningCurves(dir.resolve("learning-curves.png"), groups).ifPresent(plots::add);
    }
    return new Report(sb.toString(), plots);
  }

  static List<Group> groups(List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> trials) {
    Map<Map<String, String>, List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>>> byLabels =
        new LinkedHashMap<>();
    for (FinishedTrial<DecisionTrialSpec, DecisionTrialResult> t : trials) {
      byLabels.computeIfAbsent(t.trial().group(), g -> new ArrayList<>()).add(t);
    }
    List<Group> out = new ArrayList<>();
    byLabels.forEach((labels, members) -> out.add(new Group(labels, members)));
    return out;
  }

  static String table(List<Group> groups) {
    Set<String> keys = new LinkedHashSet<>();
    groups.forEach(g -> keys.addAll(g.labels().keySet()));
    StringBuilder sb = new StringBuilder("|");
    keys.forEach(k -> sb.append(' ').append(shortKey(k)).append(" |"));
    sb.append(" trials | regret % (mean ± std) | PyEPO notebook | unambiguous regret % | test MSE | CPU ms/epoch |"
        + " train s/trial |\n|");
    keys.forEach(k -> sb.append("---|"));
    sb.append("---:|---:|---:|---:|---:|---:|---:|\n");
    for (Group g : groups) {
      sb.append('|');
      keys.forEach(k -> sb.append(' ').append(g.labels().getOrDefault(k, "")).append(" |"));
      ScoreTable.Stat regret = g.stat("normalizedRegret");
      ScoreTable.Stat unambiguous = g.stat("unambiguousRegret");
      ScoreTable.Stat mse = g.stat("mse");
      String published = PyepoPublished.lookup(g.spec()).map(p -> String.format(Locale.ROOT, "%.2f%s", 100 * p,
          regret != null && regret.n() >= 2 && Math.abs(p - regret.mean()) > 2 * regret.std() ? " !" : ""))
          .orElse("–");
      sb.append(String.format(Locale.ROOT, " %d | %s | %s | %s | %s | %s | %.1f |%n", g.trials().size(),
          percent(regret), published, percent(unambiguous), mse == null ? "–" : String.format(Locale.ROOT, "%.4g",
              mse.mean()),
          g.meanDiagnostic("cpuSecondsPerEpoch").map(s -> String.format(Locale.ROOT, "%.2f", 1000 * s)).orElse("–"),
          g.meanTrainSeconds()));
    }
    return sb.toString();
  }

  private static String percent(ScoreTable.Stat s) {
    return s == null ? "–" : String.format(Locale.ROOT, "%.2f ± %.2f", 100 * s.mean(), 100 * s.std());
  }

  /** Bars: mean regret per method (categories) and setting (series), error bars = 1 std over seeds. */
  static Path regretByMethod(Path file, List<Group> groups) {
    Set<String> settings = new LinkedHashSet<>();
    Set<String> methods = new LinkedHashSet<>();
    groups.forEach(g -> {
      settings.add(g.setting());
      methods.add(g.method());
    });
    boolean perTask = settings.size() > MAX_BAR_SERIES;
    CategoryChart chart = new CategoryChartBuilder().width(1100).height(540)
        .title("Normalized test regret by method" + (perTask ? " (averaged over each task's grid)" : "")
            + ", mean ± std over seeds").xAxisTitle("method").yAxisTitle("normalized regret (%)").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setXAxisLabelRotation(30);
    List<String> methodList = List.copyOf(methods);
    Map<String, List<Group>> bySeries = new LinkedHashMap<>();
    groups.forEach(g -> bySeries.computeIfAbsent(perTask ? g.spec().task() : g.setting(), s -> new ArrayList<>())
        .add(g));
    bySeries.forEach((series, members) -> {
      List<Double> means = new ArrayList<>();
      List<Double> stds = new ArrayList<>();
      for (String m : methodList) {
        List<Double> v = members.stream().filter(g -> g.method().equals(m))
            .flatMap(g -> g.values("normalizedRegret").stream()).map(x -> 100 * x).toList();
        ScoreTable.Stat s = v.isEmpty() ? new ScoreTable.Stat(0, 0, 0) : ScoreTable.Stat.of(v);
        means.add(s.mean());
        stds.add(s.std());
      }
      chart.addSeries(series, methodList, means, stds);
    });
    ReproducePlots.save(chart, file);
    return file;
  }

  /**
   * Box plots over seeds of the regret of every method, one panel per (task, training size, noise, degree), panels
   * in rows of (training size, noise) and columns of degree: the layout of the PyEPO paper's figures. Drawn for each
   * task whose trials have two or more degrees.
   */
  static List<Path> regretVersusDegree(Path dir, List<Group> groups) {
    List<Path> out = new ArrayList<>();
    Map<String, List<Group>> byTask = new LinkedHashMap<>();
    groups.forEach(g -> byTask.computeIfAbsent(g.spec().task(), t -> new ArrayList<>()).add(g));
    for (Map.Entry<String, List<Group>> e : byTask.entrySet()) {
      Set<Double> degrees = new TreeSet<>();
      e.getValue().forEach(g -> degrees.add(number(g.spec(), "deg")));
      if (degrees.size() < 2) {
        continue;
      }
      // rows: (training size, noise), in increasing order
      Map<String, Map<Double, List<Group>>> rows = new TreeMap<>();
      for (Group g : e.getValue()) {
        String row = String.format(Locale.ROOT, "n=%05.0f, noise=%.2f", number(g.spec(), "num_data"),
            number(g.spec(), "noise_width"));
        rows.computeIfAbsent(row, r -> new TreeMap<>()).computeIfAbsent(number(g.spec(), "deg"),
            d -> new ArrayList<>()).add(g);
      }
      List<BoxChart> panels = new ArrayList<>();
      for (Map.Entry<String, Map<Double, List<Group>>> row : rows.entrySet()) {
        for (double deg : degrees) {
          List<Group> cell = row.getValue().getOrDefault(deg, List.of());
          BoxChart chart = new BoxChartBuilder().width(420).height(320)
              .title(String.format(Locale.ROOT, "%s, %s, deg=%.0f", e.getKey(),
                  row.getKey().replaceFirst("n=0+", "n="), deg))
              .yAxisTitle("normalized regret (%)").build();
          chart.getStyler().setLegendVisible(false);
          chart.getStyler().setXAxisLabelRotation(45);
          for (Group g : cell) {
            List<Double> v = g.values("normalizedRegret").stream().map(x -> 100 * x).toList();
            if (!v.isEmpty()) {
              chart.addSeries(g.method(), v);
            }
          }
          if (!chart.getSeriesMap().isEmpty()) {
            panels.add(chart);
          }
        }
      }
      Path file = dir.resolve("regret-vs-deg-" + e.getKey() + ".png");
      saveGrid(panels, degrees.size(), file);
      out.add(file);
    }
    return out;
  }

  /** Validation regret by epoch, mean over seeds, one line per method, one panel per setting. */
  static Optional<Path> learningCurves(Path file, List<Group> groups) {
    Map<String, List<Group>> bySetting = new LinkedHashMap<>();
    groups.forEach(g -> bySetting.computeIfAbsent(g.setting(), s -> new ArrayList<>()).add(g));
    List<XYChart> panels = new ArrayList<>();
    for (Map.Entry<String, List<Group>> e : bySetting.entrySet()) {
      if (panels.size() == MAX_CURVE_PANELS) {
        break;
      }
      XYChart chart = new XYChartBuilder().width(560).height(380).title(e.getKey()).xAxisTitle("epoch")
          .yAxisTitle("validation regret (%)").build();
      chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
      for (Group g : e.getValue()) {
        double[][] curve = meanCurve(g);
        if (curve != null) {
          chart.addSeries(g.method(), curve[0], curve[1]).setMarker(SeriesMarkers.NONE);
        }
      }
      if (!chart.getSeriesMap().isEmpty()) {
        panels.add(chart);
      }
    }
    if (panels.isEmpty()) {
      return Optional.empty();
    }
    saveGrid(panels, Math.min(3, panels.size()), file);
    return Optional.of(file);
  }

  /** Epochs and mean validation regret (%) over the group's trials, from the diagnostics {@code curve.validationRegret.eNNN}. */
  private static double[][] meanCurve(Group g) {
    TreeMap<Integer, List<Double>> points = new TreeMap<>();
    String prefix = "curve.validationRegret.e";
    for (FinishedTrial<DecisionTrialSpec, DecisionTrialResult> t : g.trials()) {
      t.result().diagnostics().forEach((k, v) -> {
        if (k.startsWith(prefix)) {
          points.computeIfAbsent(Integer.parseInt(k.substring(prefix.length())), e -> new ArrayList<>()).add(v);
        }
      });
    }
    if (points.size() < 2) {
      return null;
    }
    double[] x = new double[points.size()];
    double[] y = new double[points.size()];
    int i = 0;
    for (Map.Entry<Integer, List<Double>> p : points.entrySet()) {
      x[i] = p.getKey();
      y[i++] = 100 * p.getValue().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
    return new double[][] {x, y};
  }

  private static double number(DecisionTrialSpec spec, String key) {
    Object v = spec.taskConfig().get(key);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static String shortKey(String key) {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? key : key.substring(dot + 1);
  }

  /** The panels drawn row by row, {@code columns} to a row, into one PNG (a last row may be short). */
  private static <C extends Chart<?, ?>> void saveGrid(List<C> panels, int columns, Path file) {
    int w = panels.stream().mapToInt(Chart::getWidth).max().orElse(1);
    int h = panels.stream().mapToInt(Chart::getHeight).max().orElse(1);
    int rows = (panels.size() + columns - 1) / columns;
    BufferedImage image = new BufferedImage(columns * w, rows * h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    for (int k = 0; k < panels.size(); k++) {
      g.drawImage(BitmapEncoder.getBufferedImage(panels.get(k)), (k % columns) * w, (k / columns) * h, null);
    }
    g.dispose();
    try {
      AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write plot " + IoErrors.describe(e), e);
    }
  }

}
