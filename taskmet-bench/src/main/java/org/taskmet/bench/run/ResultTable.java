package org.taskmet.bench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results table of a sweep: per task and row, the measured mean ± sample std of normalized test
 * decision quality over trials, next to the published value. A cell is marked {@code !} when the
 * published mean lies outside measured mean ± 2 std.
 */
public final class ResultTable {
  /** Aggregated trials of one (task, row). */
  public record Cell(String task, String row, int trials, double mean, double std, double meanMse,
      double meanTrainSeconds) {
    /** True when a published value exists and lies outside mean ± 2 std. */
    public boolean disagreesWith(PublishedResults.Cell published) {
      return Math.abs(published.mean() - mean) > 2 * std;
    }
  }

  private final List<Cell> cells;

  private ResultTable(List<Cell> cells) {
    this.cells = cells;
  }

  public static ResultTable of(List<TrialResult> results) {
    Map<String, List<TrialResult>> groups = new LinkedHashMap<>();
    for (TrialResult r : results) {
      groups.computeIfAbsent(r.spec().task() + "\u0000" + r.spec().row(), k -> new ArrayList<>()).add(r);
    }
    List<Cell> cells = new ArrayList<>();
    for (List<TrialResult> g : groups.values()) {
      int n = g.size();
      double mean = 0;
      double mse = 0;
      double secs = 0;
      for (TrialResult r : g) {
        mean += r.scores().normalizedDq() / n;
        mse += r.scores().mse() / n;
        secs += r.trainSeconds() / n;
      }
      double var = 0;
      for (TrialResult r : g) {
        double d = r.scores().normalizedDq() - mean;
        var += d * d;
      }
      double std = n > 1 ? Math.sqrt(var / (n - 1)) : 0.0;
      cells.add(new Cell(g.get(0).spec().task(), g.get(0).spec().row(), n, mean, std, mse, secs));
    }
    return new ResultTable(cells);
  }

  public List<Cell> cells() {
    return cells;
  }

  /** A Markdown table, one line per (task, row). */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| task | method | trials | measured norm. DQ (mean ± std) | published | test MSE | train s/trial |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Cell c : cells) {
      String published = PublishedResults.lookup(c.task(), c.row())
          .map(p -> String.format(Locale.ROOT, "%.2f ± %.3f%s", p.mean(), p.std(), c.disagreesWith(p) ? " !" : ""))
          .orElse("–");
      sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.3f ± %.3f | %s | %.4g | %.1f |%n", c.task(), c.row(),
          c.trials(), c.mean(), c.std(), published, c.meanMse(), c.meanTrainSeconds()));
    }
    return sb.toString();
  }
}
