package org.taskmet.tasks.pyepo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Instance;
import org.taskmet.api.LinearDecisionProblem;
import org.taskmet.api.Task;

/**
 * Distributional equivalence with PyEPO's generators. Java cannot reproduce numpy's RandomState stream, so the
 * data cannot be compared value by value; instead, {@code src/test/python/pyepo_reference.py} draws 100 data
 * sets × 100 samples with numpy exactly as PyEPO's {@code genData} does and solves each sample with SciPy's
 * HiGHS (LP for the shortest path, MILP for the knapsack), and this test draws as many with taskmet's tasks and
 * solves them with taskmet's oracles. Every pooled statistic — mean, standard deviation, quantiles, the
 * distribution function at those quantiles, and the mean optimal objective — must agree within 4.5 standard
 * errors of the difference, the standard errors estimated from the spread between data sets (each data set has
 * its own Bernoulli matrix B and, for the knapsack, its own weights).
 */
class PyepoDistributionTest {
  private static final double Z = 4.5;
  private static final JsonNode REFERENCE = read();

  private static JsonNode read() {
    try (InputStream in = PyepoDistributionTest.class.getResourceAsStream("pyepo-reference.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read pyepo-reference.json", e);
    }
  }

  /** The costs (or values) and optimal objectives of one data set. */
  record DataSet(double[] costs, double[] optima) {}

  @ParameterizedTest
  @ValueSource(strings = {"sp-deg1-noise0", "sp-deg4-noise0.5", "sp-deg6-noise0.5", "ks-deg6-noise0.5",
      "ks-deg1-noise0"})
  void taskmetsDataMatchNumpysPyepoDataInDistribution(String name) {
    JsonNode ref = REFERENCE.path("cases").path(name);
    assertThat(ref.isObject()).as("reference case %s", name).isTrue();
    int datasets = REFERENCE.path("datasets").asInt();
    int samples = REFERENCE.path("samplesPerDataset").asInt();
    Task task = task(ref, samples);
    List<DataSet> sets = new ArrayList<>();
    for (int k = 0; k < datasets; k++) {
      sets.add(dataSet(task, task.generate(10_000 + k)));
    }
    double[] pooled = sets.stream().flatMapToDouble(s -> Arrays.stream(s.costs())).toArray();
    double[] sorted = pooled.clone();
    Arrays.sort(sorted);
    List<String> failures = new ArrayList<>();
    compare(failures, "mean", ref.path("mean"), mean(pooled), sets, s -> mean(s.costs()));
    compare(failures, "std", ref.path("std"), std(pooled), sets, s -> std(s.costs()));
    compare(failures, "meanOptimalObjective", ref.path("meanOptimalObjective"),
        mean(sets.stream().flatMapToDouble(s -> Arrays.stream(s.optima())).toArray()), sets, s -> mean(s.optima()));
    if (name.startsWith("sp")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = ref.path("quantiles").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> q = it.next();
        double p = Double.parseDouble(q.getKey());
        compare(failures, "quantile " + p, q.getValue(), quantile(sorted, p), sets, s -> {
          double[] c = s.costs().clone();
          Arrays.sort(c);
          return quantile(c, p);
        });
      }
    }
    for (JsonNode point : ref.path("cdf")) {
      double at = point.path("at").asDouble();
      compare(failures, "P(c <= " + at + ")", point, fractionAtMost(pooled, at), sets, s -> fractionAtMost(s.costs(), at));
    }
    assertThat(failures).as(name).isEmpty();
  }

  private static Task task(JsonNode ref, int samples) {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("num_data", samples / 2);
    cfg.put("num_val", 0);
    cfg.put("num_test", samples - samples / 2);
    cfg.put("num_feat", ref.path("num_feat").asInt());
    cfg.put("deg", ref.path("deg").asInt());
    cfg.put("noise_width", ref.path("noise_width").asDouble());
    if (ref.path("task").asText().equals("shortest-path")) {
      cfg.put("grid_rows", ref.path("grid").get(0).asInt());
      cfg.put("grid_cols", ref.path("grid").get(1).asInt());
      return PyepoTasksTest.shortestPath(cfg);
    }
    cfg.put("num_items", ref.path("num_items").asInt());
    cfg.put("dim", ref.path("dim").asInt());
    cfg.put("capacity", ref.path("capacity").asDouble());
    return PyepoTasksTest.knapsack(cfg);
  }

  /** Every sample's costs, and its optimal objective in the task's units (PyEPO's z*). */
  private static DataSet dataSet(Task task, DataSplits splits) {
    LinearDecisionProblem problem = (LinearDecisionProblem) task.decisionProblem();
    List<Instance> all = PyepoTasksTest.all(splits);
    int d = all.get(0).targets().cols();
    double[] costs = new double[all.size() * d];
    double[] optima = new double[all.size()];
    double[] reward = new double[d];
    double[] z = new double[d];
    for (int i = 0; i < all.size(); i++) {
      Instance in = all.get(i);
      System.arraycopy(in.targets().data(), 0, costs, i * d, d);
      problem.oracle().argmax(problem.rewards(in.targets(), reward), in, z);
      double obj = 0;
      for (int k = 0; k < d; k++) {
        obj += in.targets().data()[k] * z[k];
      }
      optima[i] = obj;
    }
    return new DataSet(costs, optima);
  }

  private static void compare(List<String> failures, String what, JsonNode ref, double value, List<DataSet> sets,
      ToDoubleFunction<DataSet> perSet) {
    double[] per = sets.stream().mapToDouble(perSet).toArray();
    double se = Math.sqrt(variance(per) / per.length);
    double refSe = ref.path("se").asDouble();
    double refValue = ref.path("value").asDouble();
    double tolerance = Z * Math.sqrt(se * se + refSe * refSe);
    if (!(Math.abs(value - refValue) <= tolerance)) {
      failures.add(String.format(java.util.Locale.ROOT, "%s: taskmet %.5g (se %.2g), PyEPO/numpy %.5g (se %.2g)",
          what, value, se, refValue, refSe));
    }
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** numpy's default std (ddof = 0). */
  static double std(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / v.length);
  }

  private static double variance(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / (v.length - 1);
  }

  /** numpy's default quantile (linear interpolation between order statistics) of sorted values. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  static double fractionAtMost(double[] v, double at) {
    int n = 0;
    for (double x : v) {
      if (x <= at) {
        n++;
      }
    }
    return (double) n / v.length;
  }
}
