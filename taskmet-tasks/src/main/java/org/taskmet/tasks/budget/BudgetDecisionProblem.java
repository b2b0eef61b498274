package org.taskmet.tasks.budget;

import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solver;
import org.taskmet.solvers.simplex.CoverageObjective;

/** The decision side of {@link BudgetTask}: z ∈ [0,1]^channels, Σz = k, scored by the coverage objective
 * Σ_j (1 − Π_i (1 − z_i·Y_ij)) evaluated at the true Y. */
final class BudgetDecisionProblem implements DecisionProblem {
  private final int channels;
  private final int users;
  private final Solver trainingSolver;
  private final Solver evaluationSolver;
  private final CoverageObjective coverage = new CoverageObjective();

  BudgetDecisionProblem(int channels, int users, Solver trainingSolver, Solver evaluationSolver) {
    this.channels = channels;
    this.users = users;
    this.trainingSolver = trainingSolver;
    this.evaluationSolver = evaluationSolver;
  }

  @Override
  public int decisionSize(Instance instance) {
    return channels;
  }

  @Override
  public Solver trainingSolver() {
    return trainingSolver;
  }

  @Override
  public Solver evaluationSolver() {
    return evaluationSolver;
  }

  @Override
  public double objective(Instance instance, double[] decision, Matrix trueTargets) {
    check(decision, trueTargets);
    return coverage.value(decision, trueTargets, instance);
  }

  @Override
  public double[] objectiveGradient(Instance instance, double[] decision, Matrix trueTargets) {
    check(decision, trueTargets);
    double[] g = new double[channels];
    coverage.gradient(decision, trueTargets, instance, g);
    return g;
  }

  private void check(double[] z, Matrix y) {
    if (z.length != channels || y.rows() != channels || y.cols() != users) {
      throw new IllegalArgumentException("budget: decision has length " + z.length + " and targets are "
          + y.shape() + "; expected " + channels + " and " + channels + "x" + users);
    }
  }
}
