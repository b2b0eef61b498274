package org.taskmet.bench.fashion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Aggregates finished trials into one row per (benchmark, method, flatness, setting): mean ± sample standard
 * deviation over seeds of the average and the worst-task test accuracy of the selected models, the means of the
 * last step's, and the mean CPU time per step.
 * Rows keep the order in which their first trial appears.
 */
public final class FashionSummary {
  /**
   * A finished trial and its setting: the sweep axes other than benchmark, method, flatness and seed, as
   * "name=value, …" (e.g. "rho=0.5" in a sweep over ρ), "" when the sweep has no other axes. Trials that differ
   * in their setting are different table rows, never averaged together.
   */
  public record LabelledTrial(FashionTrialRecord record, String setting) {
    public LabelledTrial {
      Objects.requireNonNull(setting, "setting");
    }
  }

  /**
   * One table row; accuracies in [0, 1], std is the sample (n−1) standard deviation, 0 for one seed;
   * "balanced" is the per-task balanced accuracy (macro recall) of {@link FashionTrialRecord}.
   */
  public record Row(String benchmark, String method, String flatness, String setting, int seeds, double averageMean,
      double averageStd, double worstMean, double worstStd, double worstBalancedMean, double worstBalancedStd,
      double finalAverageMean, double finalWorstMean, double msPerStepMean) {}

  private FashionSummary() {}

  public static List<Row> rows(List<LabelledTrial> trials) {
    Map<List<String>, List<FashionTrialRecord>> groups = new LinkedHashMap<>();
    for (LabelledTrial t : trials) {
      FashionTrialRecord r = t.record();
      groups.computeIfAbsent(List.of(r.benchmark(), r.method(), r.flatness(), t.setting()), k -> new ArrayList<>())
          .add(r);
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<List<String>, List<FashionTrialRecord>> e : groups.entrySet()) {
      List<FashionTrialRecord> g = e.getValue();
      double[] avg = g.stream().mapToDouble(FashionTrialRecord::averageAccuracy).toArray();
      double[] worst = g.stream().mapToDouble(FashionTrialRecord::worstAccuracy).toArray();
      double[] worstBalanced = g.stream().mapToDouble(FashionTrialRecord::worstBalancedAccuracy).toArray();
      double ms = g.stream().mapToDouble(FashionTrialRecord::msPerStep).average().orElse(Double.NaN);
      double finalAvg = g.stream().mapToDouble(FashionTrialRecord::finalAverageAccuracy).average().orElse(Double.NaN);
      double finalWorst = g.stream().mapToDouble(FashionTrialRecord::finalWorstAccuracy).average().orElse(Double.NaN);
      List<String> cell = e.getKey(); // (benchmark, method, flatness, setting)
      rows.add(new Row(cell.get(0), cell.get(1), cell.get(2), cell.get(3), g.size(), mean(avg), std(avg), mean(worst),
          std(worst), mean(worstBalanced), std(worstBalanced), finalAvg, finalWorst, ms));
    }
    return rows;
  }

  /** A Markdown table (accuracies in percent); the setting column appears when any row has a setting. */
  public static String markdown(List<Row> rows) {
    boolean settings = rows.stream().anyMatch(r -> !r.setting().isEmpty());
    StringBuilder sb = new StringBuilder();
    sb.append("| benchmark | method | flatness | ").append(settings ? "setting | " : "").append("seeds "
        + "| average acc. (%) | worst-task acc. (%) | worst-task balanced acc. (%) | last step: average / worst (%) "
        + "| CPU ms/step |\n");
    sb.append("|---".repeat(settings ? 10 : 9)).append("|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | ", r.benchmark(), r.method(), r.flatness()));
      if (settings) {
        sb.append(r.setting()).append(" | ");
      }
      sb.append(String.format(Locale.ROOT, "%d | %.2f ± %.2f | %.2f ± %.2f | %.2f ± %.2f | %.2f / %.2f | %.1f |%n",
          r.seeds(), 100 * r.averageMean(), 100 * r.averageStd(), 100 * r.worstMean(), 100 * r.worstStd(),
          100 * r.worstBalancedMean(), 100 * r.worstBalancedStd(), 100 * r.finalAverageMean(),
          100 * r.finalWorstMean(), r.msPerStepMean()));
    }
    return sb.toString();
  }

  public static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double std(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
