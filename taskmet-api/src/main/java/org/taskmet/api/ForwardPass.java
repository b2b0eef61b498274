package org.taskmet.api;

/**
 * The result of evaluating a differentiable piece at a point, with whatever it cached for the reverse
 * and forward products. Only the piece that created it may read its cache.
 */
public interface ForwardPass {
  /** The parameters it was evaluated at (not copied; do not modify). */
  double[] parameters();

  /** The input rows (items × inputs). */
  Matrix input();

  /** The output rows (items × outputs). */
  Matrix output();
}
