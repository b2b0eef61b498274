package org.taskmet.tasks.budget;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Where the click-probability matrices of the budget task come from: each instance is a
 * channels × users matrix of probabilities in [0, 1] (row-major, length channels·users).
 */
public interface ClickMatrixSource {
  /**
   * Draws {@code count} instance matrices of shape channels × users.
   *
   * @param rng the only randomness used (seeded by the dataset seed)
   */
  List<double[]> draw(int count, int channels, int users, RandomGenerator rng);

  /** A short description for logs and result files. */
  String describe();
}
