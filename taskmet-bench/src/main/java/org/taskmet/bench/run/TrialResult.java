package org.taskmet.bench.run;

import java.util.Map;

/**
 * What a finished trial leaves in its result file.
 *
 * @param spec the trial (enough to re-run it)
 * @param scores the test scores
 * @param trainSeconds wall time of training
 * @param evalSeconds wall time of the test evaluation
 * @param diagnostics the method's named scalars (steps, best validation loss, …)
 * @param environment taskmet version, Java version, kernels
 */
public record TrialResult(
    TrialSpec spec, TrialScores scores, double trainSeconds, double evalSeconds, Map<String, Double> diagnostics,
    Map<String, String> environment) {}
