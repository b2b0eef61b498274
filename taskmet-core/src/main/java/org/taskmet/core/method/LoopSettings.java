package org.taskmet.core.method;

import org.taskmet.api.Task;

/**
 * The resolved settings of a gradient-descent training loop (task defaults already filled in).
 *
 * @param iterations maximum number of Adam steps on the predictor
 * @param validationEvery validate every this many steps (and at step 0 and at the end)
 * @param patience stop when more than this many steps passed since the best validation loss
 * @param batchSize instances per step (clamped to the training-set size)
 * @param learningRate predictor Adam learning rate
 */
record LoopSettings(int iterations, int validationEvery, int patience, int batchSize, double learningRate) {
  /** {@code configured}, or the task's outer batch size when it is 0. */
  static int batchSize(Task task, int configured) {
    return configured > 0 ? configured : task.predictorDefaults().outerBatchSize();
  }

  /** {@code configured}, or the task's predictor learning rate when it is 0. */
  static double learningRate(Task task, double configured) {
    return configured > 0 ? configured : task.predictorDefaults().learningRate();
  }
}
