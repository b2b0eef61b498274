package org.taskmet.bench.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    if (table.cells().stream().anyMatch(c -> c.published().isPresent())) {
      sb.append("`!` marks a published value outside the measured mean ± 2 std (cells with 2 or more trials).\n");
    }
    if (trials.stream().anyMatch(t -> t.spec().task().equals("budget") || t.spec().task().equals("portfolio"))) {
      sb.append("Budget and portfolio run on synthetic stand-ins for the paper's data (not public), so those\n");
      sb.append("columns are comparable with the paper in the ordering of methods, not in value.\n");
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
