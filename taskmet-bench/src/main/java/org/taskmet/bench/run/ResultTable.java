package org.taskmet.bench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.taskmet.bench.stats.PairedComparison;
import org.taskmet.bench.sweep.FinishedTrial;
import org.taskmet.bench.sweep.ScoreTable;
import org.taskmet.core.plugin.TaskData;

/**
 * The results table of a decision-focused sweep: per group of trials (labels without the seed, e.g. task and
 * method), the data the task used, the measured mean ± sample std of normalized test decision quality, the paired
 * difference against two-stage MSE on the same seeds ({@link PairedComparison}), and the published value where the
 * TaskMet paper has one. A cell is marked {@code !} when the published mean lies outside measured mean ± 2 std, and
 * its difference with {@code *} when the interval excludes zero; its trial count is followed by {@code (n ‡)} when n
 * of its trials carry a divergence warning ({@link TrainingWarnings}).
 */
public final class ResultTable {
  /** The label naming the task of a trial in the paper's table. */
  public static final String TASK = "task";
  /** The label naming the method row of a trial in the paper's table. */
  public static final String METHOD = "method";
  /** The method row the other rows are compared with. */
  public static final String BASELINE = "MSE";
  /** Half-width of the paired interval the seed recommendation aims at (normalized DQ). */
  public static final double TARGET_HALF_WIDTH = 0.05;

  /**
   * Aggregated trials of one group; {@code warned} of them carry a divergence warning ({@link TrainingWarnings}).
   *
   * @param data the data label(s) of the group's task (see {@code Task.dataLabel()}), e.g. {@code stockdata}
   * @param versusBaseline the paired comparison with the {@value #BASELINE} row of the same group, when that row
   *     ran on at least one of the same seeds (empty for the baseline itself)
   */
  public record Cell(Map<String, String> group, String data, int trials, int warned, double mean, double std,
      double meanMse, double meanTrainSeconds, Optional<PairedComparison> versusBaseline) {
    /** The published value of this cell, when its task and method labels name one of the paper's. */
    public Optional<PublishedResults.Cell> published() {
      return group.size() == 2 && group.containsKey(TASK) && group.containsKey(METHOD)
          ? PublishedResults.lookup(group.get(TASK), group.get(METHOD)) : Optional.empty();
    }

    /** True when the published mean lies outside mean ± 2 std (needs 2 trials: one has no spread). */
    public boolean disagreesWith(PublishedResults.Cell published) {
      return trials >= 2 && Math.abs(published.mean() - mean) > 2 * std;
    }
  }

  /** The mark of a cell with trials that carry a divergence warning. */
  public static final String WARNED = "‡";

  private final List<String> labelKeys;
  private final List<Cell> cells;

  private ResultTable(List<String> labelKeys, List<Cell> cells) {
    this.labelKeys = labelKeys;
    this.cells = cells;
  }

  public static ResultTable of(List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> trials) {
    Set<String> keys = new LinkedHashSet<>();
    Map<Map<String, String>, List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>>> groups = new LinkedHashMap<>();
    for (FinishedTrial<DecisionTrialSpec, DecisionTrialResult> t : trials) {
      keys.addAll(t.trial().group().keySet());
      groups.computeIfAbsent(t.trial().group(), g -> new ArrayList<>()).add(t);
    }
    List<Cell> cells = new ArrayList<>();
    groups.forEach((group, members) -> {
      List<DecisionTrialResult> results = members.stream().map(FinishedTrial::result).toList();
      ScoreTable.Stat dq = ScoreTable.Stat.of(results.stream().map(r -> score(r, "normalizedDq")).toList());
      double mse = results.stream().mapToDouble(r -> score(r, "mse")).sum() / results.size();
      double secs = results.stream().mapToDouble(DecisionTrialResult::trainSeconds).sum() / results.size();
      String data = String.join("+", members.stream().map(ResultTable::dataOf).distinct().sorted().toList());
      int warned = (int) results.stream().filter(r -> !r.warnings().isEmpty()).count();
      cells.add(new Cell(group, data, results.size(), warned, dq.mean(), dq.std(), mse, secs,
          versusBaseline(group, groups)));
    });
    return new ResultTable(List.copyOf(keys), cells);
  }

  /** The data a trial's task used: its config's {@code data} field, or "generated" for tasks without one. */
  private static String dataOf(FinishedTrial<DecisionTrialSpec, DecisionTrialResult> t) {
    Object d = t.spec().taskConfig().get(TaskData.FIELD);
    return d == null ? "generated" : d.toString();
  }

  private static Optional<PairedComparison> versusBaseline(Map<String, String> group,
      Map<Map<String, String>, List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>>> groups) {
    if (!group.containsKey(METHOD) || group.get(METHOD).equals(BASELINE)) {
      return Optional.empty();
    }
    Map<String, String> baselineGroup = new LinkedHashMap<>(group);
    baselineGroup.put(METHOD, BASELINE);
    List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> baseline = groups.get(baselineGroup);
    if (baseline == null) {
      return Optional.empty();
    }
    Map<String, Double> method = bySeed(groups.get(group));
    Map<String, Double> base = bySeed(baseline);
    if (method.keySet().stream().noneMatch(base::containsKey)) {
      return Optional.empty();
    }
    return Optional.of(PairedComparison.of(method, base));
  }

  /** Normalized DQ keyed by the seeds (dataset seed and model seed): the pairing of the comparison. */
  private static Map<String, Double> bySeed(List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> trials) {
    Map<String, Double> out = new TreeMap<>();
    for (FinishedTrial<DecisionTrialSpec, DecisionTrialResult> t : trials) {
      out.put(t.spec().datasetSeed() + "/" + t.spec().seed(), score(t.result(), "normalizedDq"));
    }
    return out;
  }

  private static double score(DecisionTrialResult r, String name) {
    Double v = r.scores().get(name);
    if (v == null) {
      throw new IllegalArgumentException("the decision table needs the score '" + name + "'; the trial has "
          + r.scores().keySet());
    }
    return v;
  }

  public List<Cell> cells() {
    return cells;
  }

  /** The label columns, in axis order. */
  public List<String> labelKeys() {
    return labelKeys;
  }

  /**
   * Per task label, the seeds for a paired interval of ± {@value #TARGET_HALF_WIDTH} at the task's median paired
   * spread (the rows' standard deviations of the difference to MSE; at least 3 seeds, at most 50). The median, not
   * the widest: a method whose training is unstable from seed to seed keeps a wide interval at any affordable count.
   * Tasks without a comparison of 2 or more seeds are left out.
   */
  public Map<String, Integer> seedsNeeded() {
    Map<String, List<Double>> spreads = new LinkedHashMap<>();
    for (Cell c : cells) {
      c.versusBaseline().filter(p -> p.pairs() >= 2).ifPresent(p ->
          spreads.computeIfAbsent(c.group().getOrDefault(TASK, ""), k -> new ArrayList<>()).add(p.std()));
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    spreads.forEach((task, sds) -> {
      List<Double> sorted = sds.stream().sorted().toList();
      int n = sorted.size();
      double median = n % 2 == 1 ? sorted.get(n / 2) : 0.5 * (sorted.get(n / 2 - 1) + sorted.get(n / 2));
      out.put(task, PairedComparison.seedsFor(median, TARGET_HALF_WIDTH, 3, 50));
    });
    return out;
  }

  /** A Markdown table, one line per group. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder("|");
    labelKeys.forEach(k -> sb.append(' ').append(k).append(" |"));
    sb.append(" data | trials | measured norm. DQ (mean ± std) | Δ vs MSE [95% CI] | wins | published | test MSE "
        + "| train s/trial |\n|");
    labelKeys.forEach(k -> sb.append("---|"));
    sb.append("---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Cell c : cells) {
      String published = c.published()
          .map(p -> String.format(Locale.ROOT, "%.2f ± %.3f%s", p.mean(), p.std(), c.disagreesWith(p) ? " !" : ""))
          .orElse("–");
      String diff = c.versusBaseline().map(p -> p.format(1, 3)).orElse("–");
      String wins = c.versusBaseline().map(p -> p.wins() + "/" + p.pairs()).orElse("–");
      sb.append('|');
      labelKeys.forEach(k -> sb.append(' ').append(c.group().getOrDefault(k, "")).append(" |"));
      sb.append(String.format(Locale.ROOT, " %s | %d%s | %.3f ± %.3f | %s | %s | %s | %.4g | %.1f |%n", c.data(),
          c.trials(), c.warned() > 0 ? " (" + c.warned() + " " + WARNED + ")" : "", c.mean(), c.std(), diff, wins,
          published, c.meanMse(), c.meanTrainSeconds()));
    }
    return sb.toString();
  }
}
