package org.taskmet.bench.run;

import java.util.Map;

/**
 * What a decision-focused trial measured.
 *
 * @param scores the test scores of its {@link DecisionScorer}, e.g. {@code normalizedDq}, {@code mse}
 * @param trainSeconds wall time of training
 * @param evalSeconds wall time of the test evaluation
 * @param diagnostics the method's named scalars (steps, best validation loss, …)
 */
public record DecisionTrialResult(Map<String, Double> scores, double trainSeconds, double evalSeconds,
    Map<String, Double> diagnostics) {}
