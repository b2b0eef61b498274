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
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.taskmet.api.Aggregation;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;
import org.taskmet.core.io.AtomicFiles;
import org.taskmet.core.optim.Adam;
import org.taskmet.core.provenance.BuildInfo;
import org.taskmet.tasks.mtl.TwoTaskToy;

/**
 * The 2-task toy of CAGrad / Nash-MTL (mtl.md §4.1): every aggregator runs Adam on the aggregated gradient
 * from the standard starting points; writes trajectories (CSV), final points (JSON) and a PNG per setup.
 */
public final class ToyExperiment {
  /** Half-width of the band around x2 = −8.36 counted as "reached the Pareto set". */
  public static final double PARETO_BAND = 0.1;
  /** x2 of the Pareto segment (CAGrad plots it at −8.3552). */
  public static final double PARETO_X2 = -8.3552;

  /**
   * @param scale s on L1 (1 = CAGrad, 0.1 = Nash-MTL)
   * @param starts starting points
   * @param iterations Adam steps
   * @param learningRate Adam lr (1e-3 in both papers)
   * @param cagradC CAGrad's c (0.5 in the CAGrad toy)
   * @param recordEvery trajectory sampling period
   */
  public record Config(String setup, double scale, double[][] starts, int iterations, double learningRate,
      double cagradC, int recordEvery, List<String> methods) {
    /** CAGrad's setup: s = 1, its three starts, 100,000 Adam steps (lr 1e-3), c = 0.5. */
    public static Config cagrad(int iterations, List<String> methods) {
      return new Config("cagrad", 1.0, TwoTaskToy.CAGRAD_STARTS, iterations, 1e-3, 0.5,
          Math.max(1, iterations / 200), methods);
    }

    /** Nash-MTL's setup: s = 0.1, its five starts, 35,000 Adam steps (lr 1e-3), c = 0.5. */
    public static Config nashMtl(int iterations, List<String> methods) {
      return new Config("nash-mtl", 0.1, TwoTaskToy.NASH_MTL_STARTS, iterations, 1e-3, 0.5,
          Math.max(1, iterations / 200), methods);
    }
  }

  /** One run's end point. */
  public record FinalPoint(String method, double[] start, double[] end, double loss1, double loss2,
      double worstLoss, boolean reachedPareto, double seconds) {}

  /** A trajectory, sampled every {@code recordEvery} steps (first and last point included). */
  public record Trajectory(String method, int startIndex, List<double[]> points) {}

  public record Result(Config config, List<FinalPoint> finals, List<Trajectory> trajectories) {}

  private ToyExperiment() {}

  public static Result run(Config config) {
    TwoTaskToy toy = new TwoTaskToy(config.scale());
    List<FinalPoint> finals = new ArrayList<>();
    List<Trajectory> trajectories = new ArrayList<>();
    for (String method : config.methods()) {
      for (int s = 0; s < config.starts().length; s++) {
        GradientAggregator aggregator = MtlMethods.create(method, config.cagradC(), null);
        Adam adam = new Adam(2, config.learningRate());
        SplittableRandom rng = new SplittableRandom(s);
        double[] x = config.starts()[s].clone();
        double[] grads = new double[4];
        List<double[]> points = new ArrayList<>();
        points.add(x.clone());
        long t0 = System.nanoTime();
        for (int it = 1; it <= config.iterations(); it++) {
          double[] losses = toy.evaluate(x, grads);
          Aggregation a = aggregator.aggregate(new Matrix(2, 2, grads.clone()), losses, rng);
          adam.step(x, a.direction());
          if (it % config.recordEvery() == 0 || it == config.iterations()) {
            points.add(x.clone());
          }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] l = toy.losses(x);
        boolean pareto = Math.abs(x[1] - PARETO_X2) < PARETO_BAND && Math.abs(x[0]) <= 7 + PARETO_BAND;
        finals.add(new FinalPoint(method, config.starts()[s].clone(), x.clone(), l[0], l[1], Math.max(l[0], l[1]),
            pareto, seconds));
        trajectories.add(new Trajectory(method, s, points));
      }
    }
    return new Result(config, finals, trajectories);
  }

  /** Writes toy-&lt;setup&gt;-final.json, toy-&lt;setup&gt;-trajectories.csv and toy-&lt;setup&gt;.png into {@code dir}. */
  public static List<Path> write(Result result, Path dir) throws IOException {
    Files.createDirectories(dir);
    String prefix = "toy-" + result.config().setup();
    Path json = dir.resolve(prefix + "-final.json");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("benchmark", "mtl.md §4.1 two-task toy");
    doc.put("build", BuildInfo.current());
    doc.put("config", result.config());
    doc.put("finals", result.finals());
    AtomicFiles.write(json, out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, doc));
    Path csv = dir.resolve(prefix + "-trajectories.csv");
    StringWriter csvText = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(csvText, CSVFormat.DEFAULT.builder().setHeader("method", "start", "point", "x1", "x2")
            .build())) {
      for (Trajectory t : result.trajectories()) {
        for (int i = 0; i < t.points().size(); i++) {
          p.printRecord(t.method(), t.startIndex(), i, t.points().get(i)[0], t.points().get(i)[1]);
        }
      }
    }
    AtomicFiles.writeString(csv, csvText.toString());
    List<XYChart> charts = new ArrayList<>();
    for (String method : result.config().methods()) {
      XYChart chart = Charts.chart(method + " (s=" + result.config().scale() + ")", "x1", "x2", 420, 380);
      chart.getStyler().setXAxisMin(-10.0).setXAxisMax(10.0).setYAxisMin(-10.0).setYAxisMax(10.0);
      chart.getStyler().setLegendVisible(false);
      XYSeries pareto = chart.addSeries("Pareto set", new double[] {-7, 7}, new double[] {PARETO_X2, PARETO_X2});
      pareto.setMarker(SeriesMarkers.NONE);
      pareto.setLineWidth(4f);
      for (Trajectory t : result.trajectories()) {
        if (!t.method().equals(method)) {
          continue;
        }
        double[] xs = t.points().stream().mapToDouble(pt -> pt[0]).toArray();
        double[] ys = t.points().stream().mapToDouble(pt -> pt[1]).toArray();
        XYSeries s = chart.addSeries("start " + t.startIndex(), xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        XYSeries end = chart.addSeries("end " + t.startIndex(), new double[] {xs[xs.length - 1]},
            new double[] {ys[ys.length - 1]});
        end.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        end.setMarker(SeriesMarkers.CIRCLE);
      }
      charts.add(chart);
    }
    Path png = dir.resolve(prefix + ".png");
    Charts.saveGrid(charts, 4, png);
    return List.of(json, csv, png);
  }
}
