package org.taskmet.bench.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.taskmet.bench.sweep.FinishedTrial;
import org.taskmet.bench.sweep.SweepReport;

/**
 * The report of a decision-focused sweep: the results table with the TaskMet paper's published values beside the
 * measured ones, the decision-quality bar chart and, when cubic trials ran, the paper's cubic figure.
 */
final class DecisionReport implements SweepReport<DecisionTrialSpec, DecisionTrialResult> {
  @Override
  public Report write(List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> trials, Context context) {
    ResultTable table = ResultTable.of(trials);
    StringBuilder sb = new StringBuilder();
    sb.append("## Normalized test decision quality (0 = random decisions, 1 = oracle)\n\n");
    sb.append(table.toMarkdown()).append('\n');
    if (table.cells().stream().anyMatch(c -> c.versusBaseline().isPresent())) {
      sb.append("Δ vs MSE: mean paired difference of normalized DQ against two-stage MSE on the same seeds (same data\n");
      sb.append("draw and model seed), with its 95 % Student-t interval; `*` marks an interval that excludes 0, the only\n");
      sb.append("cells where the data rank the method against MSE. wins: seeds on which the method beat MSE.\n");
    }
    if (table.cells().stream().anyMatch(c -> c.published().isPresent())) {
      sb.append("`!` marks a published value outside the measured mean ± 2 std (cells with 2 or more trials).\n");
    }
    List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> warned = trials.stream()
        .filter(t -> !t.result().warnings().isEmpty()).toList();
    if (!warned.isEmpty()) {
      sb.append("\n").append(ResultTable.WARNED).append(" Trials whose scores are not those of a trained predictor "
          + "(kept in the means above; `warnings` in their result files):\n\n");
      for (FinishedTrial<DecisionTrialSpec, DecisionTrialResult> t : warned) {
        sb.append("- `").append(t.trial().id()).append("` ").append(t.trial().labels().values())
            .append(": ").append(String.join("; ", t.result().warnings())).append('\n');
      }
      sb.append('\n');
    }
    Map<String, Integer> needed = table.seedsNeeded();
    if (!needed.isEmpty()) {
      sb.append("Seeds for a paired interval of ±").append(ResultTable.TARGET_HALF_WIDTH)
          .append(" at each task's median paired spread measured here: ");
      sb.append(String.join(", ", needed.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()))
          .append(".\n");
    }
    Set<String> data = new TreeSet<>();
    table.cells().forEach(c -> data.addAll(List.of(c.data().split("\\+"))));
    if (data.contains("synthetic")) {
      sb.append("data `synthetic`: a stand-in generator for data that were not installed (install r-cran-huge and\n");
      sb.append("r-cran-dslabs for the real ones); compare its cells with the paper in the ordering of methods, not\n");
      sb.append("in value.\n");
    }
    if (data.contains("stockdata") || data.contains("movielens")) {
      sb.append("data `stockdata`: S&P 500 daily closes 2003–2007 (r-cran-huge, split-adjusted); `movielens`: MovieLens\n");
      sb.append("ratings as clicks (r-cran-dslabs). Real data, but not the paper's (its sets are not public).\n");
    }
    List<Path> plots = new ArrayList<>();
    if (context.plots() && !trials.isEmpty()) {
      Path dir = context.store().directory();
      plots.add(ReproducePlots.decisionQualityBars(dir.resolve("decision-quality.png"), table));
      plots.addAll(CubicFigure.write(context.store(), trials, context.plugins()));
    }
    return new Report(sb.toString(), plots);
  }
}
