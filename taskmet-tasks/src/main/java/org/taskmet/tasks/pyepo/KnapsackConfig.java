package org.taskmet.tasks.pyepo;

import static org.taskmet.core.method.ConfigChecks.above;
import static org.taskmet.core.method.ConfigChecks.atLeast;
import static org.taskmet.core.method.ConfigChecks.dataSize;

/**
 * Settings of the {@code knapsack} task, with PyEPO's parameter names. Defaults: PyEPO's 2-D knapsack notebook
 * ("04 2D knapsack Solution Visualization": 16 items, 2 resources, capacity 20 each, p = 5, deg = 6, ε̄ = 0.5,
 * 100 training and 1000 test samples).
 *
 * @param num_data training samples (100)
 * @param num_val validation samples, drawn in addition (PyEPO has none; only methods that select a checkpoint
 *     read them)
 * @param num_test test samples (1000)
 * @param num_feat p, the feature dimension (5)
 * @param num_items m, the number of items (16)
 * @param dim the number of resources (PyEPO's {@code dim}, 2)
 * @param deg polynomial degree of the feature-to-value map (6)
 * @param noise_width ε̄, half-width of the multiplicative noise (0.5)
 * @param capacity the capacity of every resource (PyEPO's {@code caps = [20] * dim})
 * @param training_solver gradient family of the training solver (DFL's and TaskMet's task loss)
 * @param training_sigma perturbation scale of the dpo and fenchel-young training solvers (1.0)
 * @param training_samples perturbed solves per call of the dpo and fenchel-young training solvers (3)
 * @param training_lambda interpolation strength of the dbb training solver (20)
 */
public record KnapsackConfig(int num_data, int num_val, int num_test, int num_feat, int num_items, int dim, int deg,
    double noise_width, double capacity, String training_solver, double training_sigma, int training_samples,
    double training_lambda) {

  /** The notebook setup. */
  public static KnapsackConfig defaults() {
    return new KnapsackConfig(100, 20, 1000, 5, 16, 2, 6, 0.5, 20, "spo-plus", 1.0, 3, 20);
  }

  /** Throws naming the field when a value is out of range. */
  public KnapsackConfig validate() {
    String p = KnapsackTask.NAME;
    PyepoSplits.checkSizes(p, num_data, num_val, num_test);
    PolynomialGenerator.checkSettings(p, num_feat, deg, noise_width);
    atLeast(p, "num_items", num_items, 1);
    if (num_items > 62) {
      throw new IllegalArgumentException(p + ": config field 'num_items' = " + num_items
          + " is out of range; expected an integer in [1, 62]");
    }
    atLeast(p, "dim", dim, 1);
    dataSize(p, "(num_data + num_val + num_test) x (num_feat + num_items) (features, values)",
        (long) num_data + num_val + num_test, (long) num_feat + num_items);
    dataSize(p, "dim x num_items (the weights)", dim, num_items);
    above(p, "capacity", capacity, 0);
    return this;
  }

  TrainingSolverSettings trainingSolver() {
    return new TrainingSolverSettings(training_solver, training_sigma, training_samples, training_lambda);
  }
}
