package org.taskmet.bench.run;

import org.taskmet.embed.Predictor;

/**
 * A finished decision-focused trial: its result and the trained predictor (saved beside the result).
 *
 * @param spec the trial
 * @param result what goes into the trial's result file
 * @param predictor the trained predictor, with its model and metric plugins
 * @param globalOptimum whether the task's evaluation solver returns global optima
 *     ({@link org.taskmet.api.Solver#globalOptimum}), which tells the divergence guard how to read a normalized
 *     decision quality above 1
 */
public record ExecutedTrial(DecisionTrialSpec spec, DecisionTrialResult result, Predictor predictor,
    boolean globalOptimum) {}
