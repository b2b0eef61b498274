package org.taskmet.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.PluginKind;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.bench.sweep.FinishedTrial;
import org.taskmet.bench.sweep.ResultStore;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;
import org.taskmet.embed.Taskmet;

/**
 * The TaskMet paper's cubic figure, from the saved predictors of the lowest-seed cubic trials: each method's
 * predictions over x against the true targets, and TaskMet's learned metric Λ(x) over x.
 */
final class CubicFigure {
  private static final int GRID = 201;

  private CubicFigure() {}

  static List<Path> write(ResultStore store, List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> trials,
      PluginRegistry registry) {
    Map<String, FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> firstSeedPerRow = new LinkedHashMap<>();
    trials.stream().filter(t -> t.spec().task().equals("cubic"))
        .sorted(Comparator.comparingLong(t -> t.spec().seed()))
        .forEach(t -> firstSeedPerRow.putIfAbsent(row(t), t));
    if (firstSeedPerRow.isEmpty()) {
      return List.of();
    }
    Path dir = store.directory();
    double[] xs = new double[GRID];
    for (int i = 0; i < GRID; i++) {
      xs[i] = -1 + 2.0 * i / (GRID - 1);
    }
    Matrix grid = Matrix.column(xs.clone());

    XYChart predictions = new XYChartBuilder().width(900).height(560).title("cubic top-k: predictions vs truth")
        .xAxisTitle("x").yAxisTitle("y").build();
    addTruth(predictions, firstSeedPerRow.values().iterator().next().spec(), registry);
    XYChart metric = new XYChartBuilder().width(900).height(460).title("cubic top-k: TaskMet's learned metric Λ(x)")
        .xAxisTitle("x").yAxisTitle("Λ(x)").build();
    boolean anyMetric = false;
    for (Map.Entry<String, FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> e : firstSeedPerRow.entrySet()) {
      Path file = store.artifactFile(e.getValue().trial().id(), DecisionTrialKind.PREDICTOR);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      TrainedPredictor p = new Taskmet(registry).load(file).trained();
      double[] ys = p.predict(grid).data();
      String series = e.getKey() + " (seed " + e.getValue().spec().seed() + ")";
      predictions.addSeries(series, xs, ys).setMarker(SeriesMarkers.NONE);
      if (p.metric() != null && p.metric().outputSize() == 1) {
        double[] lambda = p.metric().forward(p.metricParameters(), grid).output().data();
        metric.addSeries(series, xs, lambda).setMarker(SeriesMarkers.NONE);
        anyMetric = true;
      }
    }
    List<Path> out = new ArrayList<>();
    Path predictionsFile = dir.resolve("cubic-predictions.png");
    ReproducePlots.save(predictions, predictionsFile);
    out.add(predictionsFile);
    if (anyMetric) {
      Path metricFile = dir.resolve("cubic-metric.png");
      ReproducePlots.save(metric, metricFile);
      out.add(metricFile);
    }
    return out;
  }

  /** The series name of a trial: its labels other than the task and the seed. */
  private static String row(FinishedTrial<DecisionTrialSpec, DecisionTrialResult> t) {
    Map<String, String> g = new LinkedHashMap<>(t.trial().group());
    g.remove(ResultTable.TASK);
    return g.isEmpty() ? t.spec().method() : String.join(", ", g.values());
  }

  /** The true targets of the first test instances, as points. */
  private static void addTruth(XYChart chart, DecisionTrialSpec spec, PluginRegistry registry) {
    Task task = Plugins.create(registry, PluginKind.TASK, Task.class, "cubic", spec.taskConfig());
    DataSplits data = task.generate(spec.datasetSeed());
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int i = 0; i < Math.min(4, data.test().size()); i++) {
      Instance in = data.test().get(i);
      for (int r = 0; r < in.items(); r++) {
        x.add(in.features().get(r, 0));
        y.add(in.targets().get(r, 0));
      }
    }
    XYSeries s = chart.addSeries("true y (test items)", x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
  }
}
