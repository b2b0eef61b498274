package org.taskmet.bench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.taskmet.bench.sweep.FinishedTrial;
import org.taskmet.bench.sweep.ScoreTable;

/**
 * The results table of a decision-focused sweep: per group of trials (labels without the seed, e.g. task and
 * method), the measured mean ± sample std of normalized test decision quality, next to the published value where
 * the TaskMet paper has one. A cell is marked {@code !} when the published mean lies outside measured mean ± 2 std.
 */
public final class ResultTable {
  /** The label naming the task of a trial in the paper's table. */
  public static final String TASK = "task";
  /** The label naming the method row of a trial in the paper's table. */
  public static final String METHOD = "method";

  /** Aggregated trials of one group. */
  public record Cell(Map<String, String> group, int trials, double mean, double std, double meanMse,
      double meanTrainSeconds) {
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

  private final List<String> labelKeys;
  private final List<Cell> cells;

  private ResultTable(List<String> labelKeys, List<Cell> cells) {
    this.labelKeys = labelKeys;
    this.cells = cells;
  }

  public static ResultTable of(List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> trials) {
    Set<String> keys = new LinkedHashSet<>();
    Map<Map<String, String>, List<DecisionTrialResult>> groups = new LinkedHashMap<>();
    for (FinishedTrial<DecisionTrialSpec, DecisionTrialResult> t : trials) {
      keys.addAll(t.trial().group().keySet());
      groups.computeIfAbsent(t.trial().group(), g -> new ArrayList<>()).add(t.result());
    }
    List<Cell> cells = new ArrayList<>();
    groups.forEach((group, results) -> {
      ScoreTable.Stat dq = ScoreTable.Stat.of(results.stream().map(r -> score(r, "normalizedDq")).toList());
      double mse = results.stream().mapToDouble(r -> score(r, "mse")).sum() / results.size();
      double secs = results.stream().mapToDouble(DecisionTrialResult::trainSeconds).sum() / results.size();
      cells.add(new Cell(group, results.size(), dq.mean(), dq.std(), mse, secs));
    });
    return new ResultTable(List.copyOf(keys), cells);
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

  /** A Markdown table, one line per group. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder("|");
    labelKeys.forEach(k -> sb.append(' ').append(k).append(" |"));
    sb.append(" trials | measured norm. DQ (mean ± std) | published | test MSE | train s/trial |\n|");
    labelKeys.forEach(k -> sb.append("---|"));
    sb.append("---:|---:|---:|---:|---:|\n");
    for (Cell c : cells) {
      String published = c.published()
          .map(p -> String.format(Locale.ROOT, "%.2f ± %.3f%s", p.mean(), p.std(), c.disagreesWith(p) ? " !" : ""))
          .orElse("–");
      sb.append('|');
      labelKeys.forEach(k -> sb.append(' ').append(c.group().getOrDefault(k, "")).append(" |"));
      sb.append(String.format(Locale.ROOT, " %d | %.3f ± %.3f | %s | %.4g | %.1f |%n", c.trials(), c.mean(), c.std(),
          published, c.meanMse(), c.meanTrainSeconds()));
    }
    return sb.toString();
  }
}
