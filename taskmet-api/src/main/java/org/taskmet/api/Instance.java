package org.taskmet.api;

import java.util.Map;

/**
 * One decision problem: the features the model sees, the true targets the decision is scored on, and
 * any task-specific side data.
 *
 * @param features items × F; the model is applied to each row (item) with shared weights
 * @param targets items × n; the true values the decision is evaluated against (units are the task's)
 * @param aux named side data the decision needs besides the predictions, e.g. {@code "covariance"}
 *     (assets × assets) for portfolio; empty when there is none
 */
public record Instance(Matrix features, Matrix targets, Map<String, Matrix> aux) {
  public Instance {
    if (features.rows() != targets.rows()) {
      throw new IllegalArgumentException(
          "instance has " + features.rows() + " feature rows but " + targets.rows() + " target rows");
    }
    aux = Map.copyOf(aux);
  }

  public Instance(Matrix features, Matrix targets) {
    this(features, targets, Map.of());
  }

  /** Number of items (rows). */
  public int items() {
    return features.rows();
  }

  /** The named side data, or a clear error naming the missing key. */
  public Matrix aux(String key) {
    Matrix m = aux.get(key);
    if (m == null) {
      throw new IllegalArgumentException("instance has no aux matrix '" + key + "'; it has " + aux.keySet());
    }
    return m;
  }
}
