package org.taskmet.solvers.simplex;

import java.util.random.RandomGenerator;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;

/**
 * The Euclidean projection as a decision: z* = argmax_z ŷᵀz − ½‖z‖² over {0 ≤ z ≤ 1, Σz = k}
 * = Proj(ŷ), with ŷ the predictions (items × 1). A sparse, piecewise-linear relaxation of top-k; its VJP is
 * {@link CappedSimplexProjection#vjp} (exact wherever the active set is locally constant).
 */
public final class CappedSimplexProjectionSolver implements Solver {
  private static final double FRACTIONAL_TOLERANCE = 1e-12;
  private final double budget;

  public CappedSimplexProjectionSolver(double budget) {
    if (!(budget > 0) || !Double.isFinite(budget)) {
      throw new IllegalArgumentException("budget: got " + budget + ", expected a finite value > 0");
    }
    this.budget = budget;
  }

  @Override
  public String name() {
    return "capped-simplex-projection";
  }

  @Override
  public void validate(Matrix predictions, Instance instance) {
    if (predictions.cols() != 1 || predictions.rows() != instance.items()) {
      throw new IllegalArgumentException(name() + ": predictions must be items x 1 = " + instance.items() + "x1, got "
          + predictions.shape());
    }
    if (budget > predictions.rows()) {
      throw new IllegalArgumentException(name() + ": budget k=" + budget + " exceeds the number of items "
          + predictions.rows());
    }
    if (!predictions.isFinite()) {
      throw new IllegalArgumentException(name() + ": predictions contain NaN or infinity");
    }
  }

  /** A pure function of the predictions: no randomness, no state. */
  @Override
  public boolean deterministic() {
    return true;
  }

  @Override
  public boolean threadSafe() {
    return true;
  }

  /** The exact maximizer, in closed form. */
  @Override
  public boolean globalOptimum() {
    return true;
  }

  @Override
  public Solution solve(Matrix predictions, Instance instance, RandomGenerator rng) {
    validate(predictions, instance);
    double[] z = new double[predictions.rows()];
    new CappedSimplexProjection().project(predictions.data(), budget, z);
    return new Solution(z, predictions, instance, 0, 0.0, null);
  }

  @Override
  public Matrix vjp(Solution solution, double[] decisionCotangent) {
    double[] z = solution.decision();
    double[] out = new double[z.length];
    CappedSimplexProjection.vjp(z, decisionCotangent, FRACTIONAL_TOLERANCE, out);
    return new Matrix(z.length, 1, out);
  }
}
