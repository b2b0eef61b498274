package org.taskmet.bench.fashion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.taskmet.bench.stats.PairedComparison;

/**
 * FS-MTL against the same aggregator without it, paired by seed: an aggregator's two runs of one seed start from
 * the same weights and see the same minibatches, so their difference is free of the seed-to-seed spread that
 * dominates the mean ± std table. One row per (benchmark, aggregator, setting) that ran both ways on at least one
 * common seed, and per (benchmark, setting) a pooled row that takes the seed as the unit: the mean difference over
 * the aggregators of each seed (those that ran it both ways), then the interval over seeds (the aggregators of one
 * seed share its initial weights and minibatches, so they are not independent pairs).
 */
public final class FlatnessComparison {
  /** The method column of the pooled rows. */
  public static final String POOLED = "all (seed means)";

  /**
   * One row; differences are FS-MTL − none in accuracy points of [0, 1].
   *
   * @param method an aggregator, or {@link #POOLED}
   * @param seeds the seeds both settings ran on
   * @param pairs aggregator × seed pairs behind the row (the seed count for one aggregator)
   * @param pairsAhead of those, the pairs where FS-MTL's average accuracy was higher
   */
  public record Row(String benchmark, String method, String setting, List<Long> seeds, int pairs, int pairsAhead,
      PairedComparison average, PairedComparison worst) {}

  private FlatnessComparison() {}

  public static List<Row> rows(List<FashionSummary.LabelledTrial> trials) {
    // (benchmark, setting) -> method -> seed -> flatness -> trial, in order of first appearance
    Map<List<String>, Map<String, Map<Long, Map<String, FashionTrialRecord>>>> cells = new LinkedHashMap<>();
    for (FashionSummary.LabelledTrial t : trials) {
      FashionTrialRecord r = t.record();
      cells.computeIfAbsent(List.of(r.benchmark(), t.setting()), k -> new LinkedHashMap<>())
          .computeIfAbsent(r.method(), k -> new TreeMap<>())
          .computeIfAbsent(r.seed(), k -> new LinkedHashMap<>())
          .put(r.flatness(), r);
    }
    List<Row> rows = new ArrayList<>();
    cells.forEach((cell, methods) -> {
      Map<Long, List<double[]>> bySeed = new TreeMap<>(); // seed -> (average, worst) differences of its aggregators
      int pooledAhead = 0;
      int methodRows = 0;
      for (Map.Entry<String, Map<Long, Map<String, FashionTrialRecord>>> m : methods.entrySet()) {
        List<Long> seeds = new ArrayList<>();
        List<Double> average = new ArrayList<>();
        List<Double> worst = new ArrayList<>();
        m.getValue().forEach((seed, pair) -> {
          FashionTrialRecord none = pair.get("none");
          FashionTrialRecord flat = pair.get("fs-mtl");
          if (none != null && flat != null) {
            double a = difference(flat, none, FashionTrialRecord::averageAccuracy);
            double w = difference(flat, none, FashionTrialRecord::worstAccuracy);
            seeds.add(seed);
            average.add(a);
            worst.add(w);
            bySeed.computeIfAbsent(seed, k -> new ArrayList<>()).add(new double[] {a, w});
          }
        });
        if (!seeds.isEmpty()) {
          PairedComparison a = PairedComparison.ofDifferences(average);
          rows.add(new Row(cell.get(0), m.getKey(), cell.get(1), seeds, seeds.size(), a.wins(), a,
              PairedComparison.ofDifferences(worst)));
          pooledAhead += a.wins();
          methodRows++;
        }
      }
      if (methodRows > 1) {
        List<Double> average = new ArrayList<>();
        List<Double> worst = new ArrayList<>();
        bySeed.values().forEach(d -> {
          average.add(d.stream().mapToDouble(x -> x[0]).average().orElseThrow());
          worst.add(d.stream().mapToDouble(x -> x[1]).average().orElseThrow());
        });
        int pairs = bySeed.values().stream().mapToInt(List::size).sum();
        rows.add(new Row(cell.get(0), POOLED, cell.get(1), List.copyOf(bySeed.keySet()), pairs, pooledAhead,
            PairedComparison.ofDifferences(average), PairedComparison.ofDifferences(worst)));
      }
    });
    return rows;
  }

  private static double difference(FashionTrialRecord flat, FashionTrialRecord none,
      ToDoubleFunction<FashionTrialRecord> score) {
    return score.applyAsDouble(flat) - score.applyAsDouble(none);
  }

  /** A Markdown table in percentage points, "" when no aggregator ran both ways on a common seed. */
  public static String markdown(List<Row> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    boolean settings = rows.stream().anyMatch(r -> !r.setting().isEmpty());
    StringBuilder sb = new StringBuilder();
    sb.append("FS-MTL − none, paired by seed (accuracy points; mean [95 % t interval]; `*`: the interval excludes 0)"
        + "\n\n");
    sb.append("| benchmark | method | ").append(settings ? "setting | " : "")
        .append("seeds | FS-MTL ahead (pairs) | average acc. | worst-task acc. |\n");
    sb.append("|---".repeat(settings ? 7 : 6)).append("|\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | ", r.benchmark(), r.method()));
      if (settings) {
        sb.append(r.setting()).append(" | ");
      }
      sb.append(String.format(Locale.ROOT, "%s | %d / %d | %s | %s |%n",
          r.seeds().stream().map(String::valueOf).collect(Collectors.joining(",")), r.pairsAhead(),
          r.pairs(), r.average().format(100, 2), r.worst().format(100, 2)));
    }
    return sb.toString();
  }
}
