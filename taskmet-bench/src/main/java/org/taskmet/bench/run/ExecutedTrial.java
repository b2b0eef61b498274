package org.taskmet.bench.run;

import org.taskmet.api.TrainedPredictor;

/**
 * A finished decision-focused trial: its result and the trained predictor (saved beside the result).
 *
 * @param spec the trial
 * @param result what goes into the trial's result file
 * @param predictor the trained predictor
 * @param model the model plugin and config the predictor was built with
 * @param metric the metric plugin and config of the learned metric, or {@code null} when there is none
 */
public record ExecutedTrial(DecisionTrialSpec spec, DecisionTrialResult result, TrainedPredictor predictor,
    PluginRef model, PluginRef metric) {}
