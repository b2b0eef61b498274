package org.taskmet.api;

import java.util.Map;

/**
 * A trained predictor, with the learned metric when the method learns one.
 *
 * @param model the predictor architecture
 * @param parameters its trained parameters (the selected checkpoint)
 * @param metric the learned metric, or {@code null} when the method learns none
 * @param metricParameters its parameters, or {@code null}
 * @param diagnostics named scalars of the run (steps, best validation loss, seconds, …)
 */
public record TrainedPredictor(
    Model model, double[] parameters, MetricParameterization metric, double[] metricParameters,
    Map<String, Double> diagnostics) {
  public TrainedPredictor {
    diagnostics = Map.copyOf(diagnostics);
  }

  /** Predictions (items × n) for the feature rows of one instance. */
  public Matrix predict(Matrix features) {
    return model.forward(parameters, features).output();
  }
}
