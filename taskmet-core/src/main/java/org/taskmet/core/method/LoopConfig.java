package org.taskmet.core.method;

import org.taskmet.api.Task;

/**
 * The five settings of a predictor training loop ({@link PredictorTrainer}) that the configs of the MSE, DFL and
 * LODL methods share. Each config record declares them as its own components, so users keep typing the flat keys
 * ({@code --set iterations=500}); validating them and filling in the task's defaults is done here, once.
 */
interface LoopConfig {
  /** Maximum Adam steps. */
  int iterations();

  /** Validation period in steps. */
  int validationEvery();

  /** Early-stopping patience in steps. */
  int patience();

  /** Instances per step; 0 = the task's outer batch size. */
  int batchSize();

  /** Predictor Adam learning rate; 0 = the task's. */
  double learningRate();

  /** Throws an {@link IllegalArgumentException} naming {@code plugin} and the first loop field out of range. */
  default void checkLoop(String plugin) {
    ConfigChecks.atLeast(plugin, "iterations", iterations(), 0);
    ConfigChecks.atLeast(plugin, "validationEvery", validationEvery(), 1);
    ConfigChecks.atLeast(plugin, "patience", patience(), 0);
    ConfigChecks.atLeast(plugin, "batchSize", batchSize(), 0);
    ConfigChecks.inRange(plugin, "learningRate", learningRate(), 0, 10);
  }

  /** The loop settings with the task's defaults filled in. */
  default LoopSettings resolve(Task task) {
    return new LoopSettings(iterations(), validationEvery(), patience(), LoopSettings.batchSize(task, batchSize()),
        LoopSettings.learningRate(task, learningRate()));
  }
}
