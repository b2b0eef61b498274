package org.taskmet.bench.run;

import org.taskmet.embed.Predictor;

/**
 * A finished decision-focused trial: its result and the trained predictor (saved beside the result).
 *
 * @param spec the trial
 * @param result what goes into the trial's result file
 * @param predictor the trained predictor, with its model and metric plugins
 */
public record ExecutedTrial(DecisionTrialSpec spec, DecisionTrialResult result, Predictor predictor) {}
