package org.taskmet.core.method;

import org.taskmet.api.PredictorDefaults;
import org.taskmet.api.Task;

/** Validation and task-default resolution of the loop fields the method configs share. */
final class LoopConfigs {
  private LoopConfigs() {}

  static void check(String plugin, int iterations, int validationEvery, int patience, int batchSize, double lr) {
    ConfigChecks.atLeast(plugin, "iterations", iterations, 0);
    ConfigChecks.atLeast(plugin, "validationEvery", validationEvery, 1);
    ConfigChecks.atLeast(plugin, "patience", patience, 0);
    ConfigChecks.atLeast(plugin, "batchSize", batchSize, 0);
    ConfigChecks.inRange(plugin, "learningRate", lr, 0, 10);
  }

  /** Fills the 0 = "task default" fields from the task's {@link PredictorDefaults}. */
  static LoopSettings resolve(Task task, int iterations, int validationEvery, int patience, int batchSize, double lr) {
    PredictorDefaults d = task.predictorDefaults();
    return new LoopSettings(iterations, validationEvery, patience, batchSize > 0 ? batchSize : d.outerBatchSize(),
        lr > 0 ? lr : d.learningRate());
  }
}
