package org.taskmet.bench.fashion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Aggregates finished trials into one row per (benchmark, method, flatness): mean ± sample standard
 * deviation over seeds of the average and the worst-task test accuracy of the selected models, the means of the
 * last step's, and the mean CPU time per step.
 * Rows keep the order in which their first trial appears.
 */
public final class FashionSummary {
  /**
   * One table row; accuracies in [0, 1], std is the sample (n−1) standard deviation, 0 for one seed;
   * "balanced" is the per-task balanced accuracy (macro recall) of {@link FashionTrialRecord}.
   */
  public record Row(String benchmark, String method, String flatness, int seeds, double averageMean,
      double averageStd, double worstMean, double worstStd, double worstBalancedMean, double worstBalancedStd,
      double finalAverageMean, double finalWorstMean, double msPerStepMean) {}

  private FashionSummary() {}

  public static List<Row> rows(List<FashionTrialRecord> trials) {
    Map<String, List<FashionTrialRecord>> groups = new LinkedHashMap<>();
    for (FashionTrialRecord t : trials) {
      groups.computeIfAbsent(t.benchmark() + "/" + t.method() + "/" + t.flatness(), k -> new ArrayList<>()).add(t);
    }
    List<Row> rows = new ArrayList<>();
    for (List<FashionTrialRecord> g : groups.values()) {
      double[] avg = g.stream().mapToDouble(FashionTrialRecord::averageAccuracy).toArray();
      double[] worst = g.stream().mapToDouble(FashionTrialRecord::worstAccuracy).toArray();
      double[] worstBalanced = g.stream().mapToDouble(FashionTrialRecord::worstBalancedAccuracy).toArray();
      double ms = g.stream().mapToDouble(FashionTrialRecord::msPerStep).average().orElse(Double.NaN);
      double finalAvg = g.stream().mapToDouble(FashionTrialRecord::finalAverageAccuracy).average().orElse(Double.NaN);
      double finalWorst = g.stream().mapToDouble(FashionTrialRecord::finalWorstAccuracy).average().orElse(Double.NaN);
      FashionTrialRecord first = g.get(0);
      rows.add(new Row(first.benchmark(), first.method(), first.flatness(), g.size(), mean(avg), std(avg),
          mean(worst), std(worst), mean(worstBalanced), std(worstBalanced), finalAvg, finalWorst, ms));
    }
    return rows;
  }

  /** A Markdown table (accuracies in percent). */
  public static String markdown(List<Row> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("| benchmark | method | flatness | seeds | average acc. (%) | worst-task acc. (%) "
        + "| worst-task balanced acc. (%) | last step: average / worst (%) | CPU ms/step |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT,
          "| %s | %s | %s | %d | %.2f ± %.2f | %.2f ± %.2f | %.2f ± %.2f | %.2f / %.2f | %.1f |%n",
          r.benchmark(), r.method(), r.flatness(), r.seeds(), 100 * r.averageMean(), 100 * r.averageStd(),
          100 * r.worstMean(), 100 * r.worstStd(), 100 * r.worstBalancedMean(), 100 * r.worstBalancedStd(),
          100 * r.finalAverageMean(), 100 * r.finalWorstMean(), r.msPerStepMean()));
    }
    return sb.toString();
  }

  /** CSV of the same rows (accuracies as fractions). */
  public static String csv(List<Row> rows) {
    StringBuilder sb = new StringBuilder(
        "benchmark,method,flatness,seeds,average_mean,average_std,worst_mean,worst_std,worst_balanced_mean,"
            + "worst_balanced_std,final_average_mean,final_worst_mean,cpu_ms_per_step\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.3f%n",
          r.benchmark(), r.method(), r.flatness(), r.seeds(), r.averageMean(), r.averageStd(), r.worstMean(),
          r.worstStd(), r.worstBalancedMean(), r.worstBalancedStd(), r.finalAverageMean(), r.finalWorstMean(),
          r.msPerStepMean()));
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
