package org.taskmet.api;

/**
 * The decision side of a task: which solvers turn predictions into decisions, and how a decision is
 * scored against the truth.
 *
 * <p><b>Sign convention, stated once for the whole library:</b> the objective is <em>maximized</em>.
 * Decision quality is {@code objective(z, Y)}; a task loss is its negation. Minimization tasks (costs)
 * negate inside their objective so every consumer sees "higher is better".
 */
public interface DecisionProblem {
  /** Length of the decision vector z for an instance of this task. */
  int decisionSize(Instance instance);

  /** The solver used while training (differentiable, possibly a smoothed decision). */
  Solver trainingSolver();

  /** The solver used at evaluation (hard/exact decisions). */
  Solver evaluationSolver();

  /** obj(z, Y): the decision quality of {@code decision} when the truth is {@code trueTargets}. Higher is better. */
  double objective(Instance instance, double[] decision, Matrix trueTargets);

  /** ∂obj/∂z at {@code decision} (length {@link #decisionSize}). */
  double[] objectiveGradient(Instance instance, double[] decision, Matrix trueTargets);

  /**
   * Predictions of a model that knows nothing, for the "random" end of normalized decision quality:
   * normalized DQ = (DQ − DQ_random) / (DQ_optimal − DQ_random), where DQ_random averages the decisions made
   * from these. The default draws U[0, 1] for every entry of the targets' shape, as the TaskMet reference
   * does; override it when your targets live on another scale (e.g. draw from their range), since decisions
   * from U[0, 1] predictions may then be far from random.
   */
  default Matrix randomPredictions(Instance instance, java.util.random.RandomGenerator rng) {
    Matrix y = instance.targets();
    double[] d = new double[y.rows() * y.cols()];
    for (int k = 0; k < d.length; k++) {
      d[k] = rng.nextDouble();
    }
    return new Matrix(y.rows(), y.cols(), d);
  }
}
