package org.taskmet.api;

import java.util.random.RandomGenerator;

/**
 * A differentiable decision solver: predictions in, decision out, and the reverse product back.
 *
 * <p>Solvers declare their domain and check it in {@link #validate}: a violation is an
 * {@link IllegalArgumentException} whose message names the solver, the offending value and what was
 * expected (e.g. "portfolio-qp: covariance must be symmetric positive definite").
 *
 * <p>One solver serves many calls at once: an application that embeds taskmet calls {@link #solve} of a task's
 * evaluation solver from several request threads. Keep per-call state local; a cache must tolerate races and never
 * change a result.
 */
public interface Solver {
  /** Stable name, used in logs and error messages. */
  String name();

  /**
   * Throws {@link IllegalArgumentException} when the predictions or instance lie outside the domain. The library
   * calls it before every {@link #solve} (and checks every decision's length against
   * {@link DecisionProblem#decisionSize} and every VJP's shape against the predictions'), so {@code solve} may
   * assume a valid input; the conformance kit checks that it rejects a NaN with a message naming the solver.
   */
  void validate(Matrix predictions, Instance instance);

  /**
   * Computes the decision for {@code predictions} (items × n) on {@code instance}.
   *
   * @param rng the only source of randomness the solver may use (random restarts, perturbations)
   */
  Solution solve(Matrix predictions, Instance instance, RandomGenerator rng);

  /**
   * {@link #solve} warm-started from {@code start}, the solution of a nearby problem on the same instance
   * (e.g. the decision of the unperturbed targets when solving for perturbed ones). The result must be a
   * deterministic function of the arguments and agree with a cold solve within the solver's tolerance.
   * Default: a cold solve, right for closed forms and for solvers whose reference restarts randomly.
   *
   * @param start a solution this solver returned for the same instance, or null for a cold solve
   */
  default Solution solveFrom(Matrix predictions, Instance instance, RandomGenerator rng, Solution start) {
    return solve(predictions, instance, rng);
  }

  /**
   * The reverse product: given dL/dz at {@code solution}, returns dL/d(predictions), shaped like the
   * predictions. Solvers whose decision is piecewise constant return their surrogate gradient (and
   * say so in their javadoc).
   */
  Matrix vjp(Solution solution, double[] decisionCotangent);

  /**
   * True when {@link #solve} never draws from its generator and keeps no state between calls, so the same
   * predictions and instance always give the same decision: evaluators then solve once where a randomized
   * solver's result is averaged over repeats. Default false, the safe answer.
   */
  default boolean deterministic() {
    return false;
  }

  /**
   * True when {@link #solve} and {@link #vjp} may run on several threads at once with the same results as
   * one after the other (no mutable state shared between calls, or only caches that do not change results).
   * Methods that fit many instances in parallel (LODL) run on one thread when this is false. Default false.
   */
  default boolean threadSafe() {
    return false;
  }

  /**
   * True when {@link #solve} returns a global maximizer of the objective it solves, up to its tolerance: a closed
   * form, an exact oracle, a convex program solved to optimality. False for local searches (the budget task's
   * projected gradient ascent from a random start on a non-concave objective), for fixed iteration counts short of
   * convergence and for smoothed or perturbed decisions. When a task's evaluation solver is one, no predictor can
   * score a normalized decision quality above 1 (beyond rounding), so a higher score marks the trial as suspect;
   * with a local solver a predictor's decisions may beat the solver's own by a little. Default false, the safe
   * answer (no false alarm).
   */
  default boolean globalOptimum() {
    return false;
  }
}
