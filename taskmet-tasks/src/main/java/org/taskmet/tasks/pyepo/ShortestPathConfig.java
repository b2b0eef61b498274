package org.taskmet.tasks.pyepo;

import static org.taskmet.core.method.ConfigChecks.atLeast;
import static org.taskmet.core.method.ConfigChecks.dataSize;

/**
 * Settings of the {@code shortest-path} task, with PyEPO's parameter names. Defaults: the setup of PyEPO's
 * notebook "03 Training and Testing" (5×5 grid, p = 5, deg = 4, ε̄ = 0.5, 1000 training and 1000 test samples).
 *
 * @param num_data training samples (PyEPO's n; its notebook draws num_data + 1000 and holds 1000 out)
 * @param num_val validation samples, drawn in addition (PyEPO has none; only methods that select a checkpoint
 *     read them)
 * @param num_test test samples (1000)
 * @param num_feat p, the feature dimension (5)
 * @param grid_rows h, node rows of the grid (PyEPO's grid[0], 5)
 * @param grid_cols w, node columns of the grid (PyEPO's grid[1], 5)
 * @param deg polynomial degree of the feature-to-cost map (4; PyEPO requires a positive integer)
 * @param noise_width ε̄, half-width of the multiplicative noise U(1 − ε̄, 1 + ε̄) (0.5; must be ≥ 0)
 * @param training_solver gradient family of the training solver (DFL's and TaskMet's task loss): spo-plus,
 *     dpo, fenchel-young, dbb or nid
 * @param training_sigma perturbation scale of the dpo and fenchel-young training solvers (1.0)
 * @param training_samples perturbed solves per call of the dpo and fenchel-young training solvers (3)
 * @param training_lambda interpolation strength of the dbb training solver (20)
 */
public record ShortestPathConfig(int num_data, int num_val, int num_test, int num_feat, int grid_rows,
    int grid_cols, int deg, double noise_width, String training_solver, double training_sigma,
    int training_samples, double training_lambda) {

  /** The notebook setup. */
  public static ShortestPathConfig defaults() {
    return new ShortestPathConfig(1000, 200, 1000, 5, 5, 5, 4, 0.5, "spo-plus", 1.0, 3, 20);
  }

  /** Throws naming the field when a value is out of range. */
  public ShortestPathConfig validate() {
    String p = ShortestPathTask.NAME;
    PyepoSplits.checkSizes(p, num_data, num_val, num_test);
    PolynomialGenerator.checkSettings(p, num_feat, deg, noise_width);
    atLeast(p, "grid_rows", grid_rows, 1);
    atLeast(p, "grid_cols", grid_cols, 1);
    if (grid_rows * (long) grid_cols < 2) {
      throw new IllegalArgumentException(p + ": grid " + grid_rows + "x" + grid_cols
          + " has a single node; expected at least 2 nodes");
    }
    long arcs = (long) grid_rows * (grid_cols - 1) + (long) grid_cols * (grid_rows - 1);
    dataSize(p, "(num_data + num_val + num_test) x (num_feat + arcs) (features, costs)",
        (long) num_data + num_val + num_test, num_feat + arcs);
    dataSize(p, "arcs x num_feat (the polynomial map B)", arcs, num_feat);
    return this;
  }

  TrainingSolverSettings trainingSolver() {
    return new TrainingSolverSettings(training_solver, training_sigma, training_samples, training_lambda);
  }
}
