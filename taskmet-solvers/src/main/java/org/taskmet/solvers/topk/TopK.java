package org.taskmet.solvers.topk;

import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;

/** Domain checks shared by the top-k solvers: one finite score per item and 1 ≤ k &lt; items. */
final class TopK {
  private TopK() {}

  static void validate(String solver, int k, Matrix predictions, Instance instance) {
    if (predictions.cols() != 1) {
      throw new IllegalArgumentException(solver + ": predictions must be items x 1 (one score per item), got "
          + predictions.shape());
    }
    if (predictions.rows() != instance.items()) {
      throw new IllegalArgumentException(solver + ": predictions have " + predictions.rows()
          + " rows but the instance has " + instance.items() + " items");
    }
    if (k >= predictions.rows()) {
      throw new IllegalArgumentException(
          solver + ": k=" + k + " must be smaller than the number of items " + predictions.rows());
    }
    for (int i = 0; i < predictions.rows(); i++) {
      double v = predictions.get(i, 0);
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(solver + ": prediction of item " + i + " is " + v + ", expected finite");
      }
    }
  }
}
