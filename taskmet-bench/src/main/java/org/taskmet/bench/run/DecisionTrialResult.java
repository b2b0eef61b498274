package org.taskmet.bench.run;

import java.util.List;
import java.util.Map;

/**
 * What a decision-focused trial measured.
 *
 * @param scores the test scores of its {@link DecisionScorer}, e.g. {@code normalizedDq}, {@code mse}
 * @param trainSeconds wall time of training
 * @param evalSeconds wall time of the test evaluation
 * @param diagnostics the method's named scalars (steps, best validation loss, …)
 * @param warnings why the scores are not those of a normally trained predictor ({@link TrainingWarnings}); empty
 *     for a normal trial (and in result files written before the guard existed)
 */
public record DecisionTrialResult(Map<String, Double> scores, double trainSeconds, double evalSeconds,
    Map<String, Double> diagnostics, List<String> warnings) {
  public DecisionTrialResult {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A result without warnings (they are added by {@link DecisionTrialKind}). */
  public DecisionTrialResult(Map<String, Double> scores, double trainSeconds, double evalSeconds,
      Map<String, Double> diagnostics) {
    this(scores, trainSeconds, evalSeconds, diagnostics, List.of());
  }

  /** The same result with {@code warnings}. */
  public DecisionTrialResult withWarnings(List<String> warnings) {
    return new DecisionTrialResult(scores, trainSeconds, evalSeconds, diagnostics, warnings);
  }
}
