package org.taskmet.solvers.topk;

import java.util.random.RandomGenerator;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;

/**
 * Hard top-k: z = indicator of the k largest predictions (items × 1), the cubic task's evaluation decision.
 * Ties are broken towards the lower item index, so the decision is deterministic.
 *
 * <p>The decision is piecewise constant in ŷ, so its derivative is 0 wherever it exists; {@link #vjp}
 * returns that zero matrix (use {@link SoftTopKSolver} or an oracle gradient family for training).
 */
public final class HardTopKSolver implements Solver {
  private final int k;

  public HardTopKSolver(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k: got " + k + ", expected >= 1");
    }
    this.k = k;
  }

  public int k() {
    return k;
  }

  @Override
  public String name() {
    return "hard-topk";
  }

  @Override
  public void validate(Matrix predictions, Instance instance) {
    TopK.validate(name(), k, predictions, instance);
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
    double[] y = predictions.data();
    int n = y.length;
    double[] z = new double[n];
    // k passes of selection: k is small for the tasks here (k = 1 in cubic top-k)
    for (int round = 0; round < k; round++) {
      int best = -1;
      for (int i = 0; i < n; i++) {
        if (z[i] == 0.0 && (best < 0 || y[i] > y[best])) {
          best = i;
        }
      }
      z[best] = 1.0;
    }
    return new Solution(z, predictions, instance, 0, 0.0, null);
  }

  @Override
  public Matrix vjp(Solution solution, double[] decisionCotangent) {
    return Matrix.zeros(solution.predictions().rows(), 1);
  }
}
