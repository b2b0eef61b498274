package org.taskmet.core.mtl;

import org.taskmet.api.Matrix;

/**
 * The loss of one task on a minibatch: a scalar (mean over rows) of the task head's prediction rows and
 * the target rows, with its gradient with respect to the predictions. Built-ins in {@link TaskLosses}.
 */
public interface TaskLoss {
  /**
   * @param predictions rows × outputs of the task head
   * @param targets the task's target rows (shape defined by the loss)
   * @param gradientOut receives ∂loss/∂predictions, same shape as {@code predictions} (overwritten)
   * @return the loss value (mean over rows)
   */
  double valueAndGradient(Matrix predictions, Matrix targets, Matrix gradientOut);
}
