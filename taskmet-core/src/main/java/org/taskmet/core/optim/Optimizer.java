package org.taskmet.core.optim;

/**
 * A first-order optimizer over one flat parameter vector of fixed length. Its state (step count, moment
 * buffers) can be copied out and restored, for warm starts across outer iterations and checkpoints.
 */
public interface Optimizer {
  /** {@code "adam"}, {@code "sgd"}. */
  String name();

  /** The parameter-vector length this optimizer was built for. */
  int size();

  /**
   * One update of {@code parameters} in place from {@code gradient} (not modified).
   *
   * @throws IllegalArgumentException when the gradient has the wrong length or a non-finite entry
   */
  void step(double[] parameters, double[] gradient);

  double learningRate();

  void setLearningRate(double learningRate);

  /** A deep copy of the current state. */
  OptimizerState state();

  /** Replaces the state by a copy of {@code state} (made by an optimizer of the same name and size). */
  void restore(OptimizerState state);

  /** Back to the freshly constructed state (step 0, zero buffers). */
  void reset();
}
