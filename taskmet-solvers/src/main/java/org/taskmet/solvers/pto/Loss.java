package org.taskmet.solvers.pto;

import java.util.random.RandomGenerator;

/**
 * The per-instance training loss of one PyEPO method, as its notebook "03 Training and Testing" defines it
 * (PyEPO's batch reduction is a mean, applied by {@link EpochTrainer}).
 */
interface Loss {
  /**
   * The loss of one instance at {@code predictions}, with its gradient written into {@code gradient}.
   *
   * @param sample the instance with its true rewards and optimal decision
   * @param predictions the model's predictions for it, in the task's units (costs or values), length d
   * @param gradient receives d loss / d predictions (length d, overwritten)
   * @param rng the only randomness the loss may use (perturbations)
   */
  double value(Sample sample, double[] predictions, double[] gradient, RandomGenerator rng);
}
