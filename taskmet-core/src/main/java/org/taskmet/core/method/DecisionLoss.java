package org.taskmet.core.method;

import java.util.random.RandomGenerator;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;

/**
 * The decision-focused loss −obj(z(Ŷ), Y) + α·MSE(Ŷ, Y) with z from the task's training (differentiable)
 * solver; its gradient goes through the solver's VJP (taskmet.md §3.1, and TaskMet's outer loss with α = 0).
 */
final class DecisionLoss implements InstanceLoss {
  private final DecisionProblem problem;
  private final Solver solver;
  private final double alpha;

  DecisionLoss(DecisionProblem problem, double alpha) {
    this.problem = problem;
    this.solver = problem.trainingSolver();
    this.alpha = alpha;
  }

  @Override
  public double value(int index, Instance instance, Matrix predictions, Matrix gradient, RandomGenerator rng) {
    Solution sol = solver.solve(predictions, instance, rng);
    double obj = problem.objective(instance, sol.decision(), instance.targets());
    if (gradient != null) {
      double[] dz = problem.objectiveGradient(instance, sol.decision(), instance.targets());
      for (int i = 0; i < dz.length; i++) {
        dz[i] = -dz[i];
      }
      double[] dp = solver.vjp(sol, dz).data();
      System.arraycopy(dp, 0, gradient.data(), 0, dp.length);
    }
    double loss = -obj;
    if (alpha != 0) {
      loss += InstanceLoss.mse(predictions, instance.targets(), gradient, alpha);
    }
    return loss;
  }
}
