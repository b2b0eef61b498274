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
}
