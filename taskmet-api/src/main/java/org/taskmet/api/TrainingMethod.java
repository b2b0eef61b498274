package org.taskmet.api;

/**
 * A way to train a predictor for a task: two-stage MSE, DFL, LODL, TaskMet, …
 *
 * <p>Deterministic: the same request (task, data, seed, config) gives bit-identical parameters.
 */
public interface TrainingMethod {
  /** Stable plugin name, e.g. {@code "taskmet"}. */
  String name();

  TrainedPredictor train(TrainingRequest request);
}
