package org.taskmet.tasks.portfolio;

import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solver;

/**
 * obj(x, y) = yᵀx − α·‖L x‖² with L the instance's lower Cholesky factor (aux {@code "cholesky"});
 * ∂obj/∂x = y − 2α·LᵀL x.
 */
final class PortfolioDecisionProblem implements DecisionProblem {
  private final double alpha;
  private final Solver trainingSolver;
  private final Solver evaluationSolver;

  PortfolioDecisionProblem(double alpha, Solver trainingSolver, Solver evaluationSolver) {
    this.alpha = alpha;
    this.trainingSolver = trainingSolver;
    this.evaluationSolver = evaluationSolver;
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
  public double objective(Instance instance, double[] x, Matrix y) {
    double[] lx = lx(instance, x, y);
    double risk = 0;
    for (double v : lx) {
      risk += v * v;
    }
    double ret = 0;
    for (int i = 0; i < x.length; i++) {
      ret += y.data()[i] * x[i];
    }
    return ret - alpha * risk;
  }

  @Override
  public double[] objectiveGradient(Instance instance, double[] x, Matrix y) {
    double[] lx = lx(instance, x, y);
    double[] l = instance.aux("cholesky").data();
    int n = x.length;
    double[] g = y.data().clone();
    for (int i = 0; i < n; i++) {
      for (int k = 0; k <= i; k++) {
        g[k] -= 2 * alpha * l[i * n + k] * lx[i];
      }
    }
    return g;
  }

  private static double[] lx(Instance instance, double[] x, Matrix y) {
    Matrix lm = instance.aux("cholesky");
    int n = x.length;
    if (lm.rows() != n || y.rows() != n || y.cols() != 1) {
      throw new IllegalArgumentException("portfolio: decision has length " + n + ", cholesky is " + lm.shape()
          + " and targets are " + y.shape() + "; expected " + n + "x" + n + " and " + n + "x1");
    }
    double[] l = lm.data();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k <= i; k++) {
        s += l[i * n + k] * x[k];
      }
      out[i] = s;
    }
    return out;
  }
}
