package org.taskmet.bench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The divergence guard of decision-focused trials: the signs that a trial's scores are not those of a trained
 * predictor. A trial with a warning keeps its result (nothing finished is dropped), but the warning is written into
 * its result file, logged when it finishes, printed by {@code taskmet run} and marked in the sweep's table.
 */
public final class TrainingWarnings {
  /** Slack for rounding in a normalized decision quality computed from sums of objectives. */
  private static final double NORMALIZED_DQ_SLACK = 1e-9;
  /**
   * How far a normalized decision quality may exceed 1 when the evaluation solver finds local optima: its "optimal"
   * decisions can then be beaten (budget: 1.002 in a paper-profile trial), but not by 5 %.
   */
  static final double LOCAL_OPTIMUM_SLACK = 0.05;

  private TrainingWarnings() {}

  /**
   * The warnings for a trial's scores and its method's diagnostics:
   * <ul>
   *   <li>the best validation checkpoint is the untrained model ({@code bestStep} 0 after some steps): training
   *       diverged or never improved, e.g. a learning rate far too high;
   *   <li>a diagnostic (e.g. the best validation loss) is NaN or infinite;
   *   <li>normalized decision quality above 1: better than the optimal decisions, which no predictor can be when
   *       the evaluation solver finds global optima ({@link org.taskmet.api.Solver#globalOptimum}); with a local
   *       one, only more than {@value #LOCAL_OPTIMUM_SLACK} above 1.
   * </ul>
   *
   * @param globalOptimum whether the task's evaluation solver returns global optima
   */
  public static List<String> of(Map<String, Double> scores, Map<String, Double> diagnostics, boolean globalOptimum) {
    List<String> out = new ArrayList<>();
    Double bestStep = diagnostics.get("bestStep");
    Double steps = diagnostics.get("steps");
    if (bestStep != null && steps != null && bestStep == 0 && steps > 0) {
      out.add(String.format(Locale.ROOT, "untrained: the best validation loss is the initial model's (none of "
          + "%.0f training steps improved it: training diverged or the learning rate does not fit)", steps));
    }
    new TreeMap<>(diagnostics).forEach((name, v) -> {
      if (v == null || !Double.isFinite(v)) {
        out.add("diagnostic '" + name + "' is " + v + " (the loss left its possible range)");
      }
    });
    Double dq = scores.get("normalizedDq");
    if (globalOptimum && dq != null && dq > 1 + NORMALIZED_DQ_SLACK) {
      out.add("normalized decision quality " + dq + " is above 1: better than the optimal decisions, which no "
          + "predictor can be (the task's objective or optimal solver is inconsistent)");
    } else if (!globalOptimum && dq != null && dq > 1 + LOCAL_OPTIMUM_SLACK) {
      out.add(String.format(Locale.ROOT, "normalized decision quality %s is more than %.0f %% above 1: the "
          + "evaluation solver finds local optima, so a predictor may beat its decisions by a little, but not by "
          + "this much (the task's objective or solver is inconsistent)", dq, 100 * LOCAL_OPTIMUM_SLACK));
    }
    return List.copyOf(out);
  }
}
