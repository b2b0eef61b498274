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

  private TrainingWarnings() {}

  /**
   * The warnings for a trial's scores and its method's diagnostics:
   * <ul>
   *   <li>the best validation checkpoint is the untrained model ({@code bestStep} 0 after some steps): training
   *       diverged or never improved, e.g. a learning rate far too high;
   *   <li>a diagnostic (e.g. the best validation loss) is NaN or infinite;
   *   <li>normalized decision quality above 1: better than the optimal decisions, which no predictor can be.
   * </ul>
   */
  public static List<String> of(Map<String, Double> scores, Map<String, Double> diagnostics) {
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
    if (dq != null && dq > 1 + NORMALIZED_DQ_SLACK) {
      out.add("normalized decision quality " + dq + " is above 1: better than the optimal decisions, which no "
          + "predictor can be (the task's objective or optimal solver is inconsistent)");
    }
    return List.copyOf(out);
  }
}
