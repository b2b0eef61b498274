package org.taskmet.tasks.cubic;

import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solver;

/**
 * Top-k selection: z ∈ [0,1]^items (one-hot on the chosen items for hard decisions, fractional for the
 * soft top-k), objective Σ_j z_j·y_j with y the single target column. Linear in z, so ∂obj/∂z = y.
 */
final class TopKDecisionProblem implements DecisionProblem {
  private final int k;
  private final Solver trainingSolver;
  private final Solver evaluationSolver;

  TopKDecisionProblem(int k, Solver trainingSolver, Solver evaluationSolver) {
    this.k = k;
    this.trainingSolver = trainingSolver;
    this.evaluationSolver = evaluationSolver;
  }

  int k() {
    return k;
  }

  @Override
  public int decisionSize(Instance instance) {
    return instance.items();
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
    check(instance, decision, trueTargets);
    double[] y = trueTargets.data();
    double s = 0;
    for (int j = 0; j < decision.length; j++) {
      s += decision[j] * y[j];
    }
    return s;
  }

  @Override
  public double[] objectiveGradient(Instance instance, double[] decision, Matrix trueTargets) {
    check(instance, decision, trueTargets);
    return trueTargets.data().clone();
  }

  private static void check(Instance instance, double[] decision, Matrix y) {
    if (decision.length != instance.items() || y.rows() != instance.items() || y.cols() != 1) {
      throw new IllegalArgumentException("cubic: decision has length " + decision.length + " and targets are "
          + y.shape() + "; expected " + instance.items() + " and " + instance.items() + "x1");
    }
  }
}
