package org.taskmet.core.plugin;

import java.util.random.RandomGenerator;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;
import org.taskmet.api.Task;

/**
 * The library's boundary with a task's decision problem and solvers: everything a plugin returns is checked
 * against what the library expects before it is used, and a violation is an error naming the plugin and the
 * expectation instead of a wrong result or an index error deep inside training.
 *
 * <ul>
 *   <li>before every solve: predictions shaped like the instance's targets and finite, then the solver's own
 *       {@link Solver#validate};</li>
 *   <li>every decision: {@link DecisionProblem#decisionSize} finite values;</li>
 *   <li>every VJP: a cotangent of the decision's length in, the predictions' shape out, finite;</li>
 *   <li>every objective value finite, every objective gradient of {@code decisionSize} finite values.</li>
 * </ul>
 * Plugin bugs are {@link IllegalStateException}s; inputs the solver's {@code validate} rejects stay
 * {@link IllegalArgumentException}s, prefixed with the solver and task names.
 */
public final class CheckedDecisionProblem implements DecisionProblem {
  private final String task;
  private final DecisionProblem problem;
  private final Solver training;
  private final Solver evaluation;

  private CheckedDecisionProblem(String task, DecisionProblem problem) {
    this.task = task;
    this.problem = problem;
    this.training = new CheckedSolver(problem.trainingSolver());
    this.evaluation = new CheckedSolver(problem.evaluationSolver());
  }

  /** The checked decision problem of {@code task} (the problem itself when it is already checked). */
  public static DecisionProblem of(Task task) {
    DecisionProblem p = task.decisionProblem();
    if (p == null) {
      throw new IllegalStateException("task '" + task.name() + "' (" + task.getClass().getName()
          + ") returned no decision problem");
    }
    return p instanceof CheckedDecisionProblem ? p : new CheckedDecisionProblem(task.name(), p);
  }

  @Override
  public int decisionSize(Instance instance) {
    int n = problem.decisionSize(instance);
    if (n < 1) {
      throw new IllegalStateException("task '" + task + "': decisionSize is " + n + ", expected >= 1");
    }
    return n;
  }

  @Override
  public Solver trainingSolver() {
    return training;
  }

  @Override
  public Solver evaluationSolver() {
    return evaluation;
  }

  @Override
  public double objective(Instance instance, double[] decision, Matrix trueTargets) {
    requireLength("the decision passed to objective", decision.length, instance);
    double v = problem.objective(instance, decision, trueTargets);
    if (!Double.isFinite(v)) {
      throw new IllegalStateException("task '" + task + "': objective returned " + v + ", expected a finite value");
    }
    return v;
  }

  @Override
  public double[] objectiveGradient(Instance instance, double[] decision, Matrix trueTargets) {
    requireLength("the decision passed to objectiveGradient", decision.length, instance);
    double[] g = problem.objectiveGradient(instance, decision, trueTargets);
    if (g == null) {
      throw new IllegalStateException("task '" + task + "': objectiveGradient returned null");
    }
    requireLength("objectiveGradient's result", g.length, instance);
    requireFinite("task '" + task + "': objectiveGradient", g);
    return g;
  }

  @Override
  public Matrix randomPredictions(Instance instance, RandomGenerator rng) {
    Matrix m = problem.randomPredictions(instance, rng);
    Matrix y = instance.targets();
    if (m == null || m.rows() != y.rows() || m.cols() != y.cols() || !m.isFinite()) {
      throw new IllegalStateException("task '" + task + "': randomPredictions returned " + (m == null ? "null"
          : m.shape() + (m.isFinite() ? "" : " with non-finite values")) + ", expected finite values shaped like "
          + "the targets " + y.shape());
    }
    return m;
  }

  private void requireLength(String what, int length, Instance instance) {
    int n = decisionSize(instance);
    if (length != n) {
      throw new IllegalStateException("task '" + task + "': " + what + " has " + length + " values, expected "
          + "decisionSize " + n);
    }
  }

  private static void requireFinite(String who, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalStateException(who + " returned " + v[i] + " at index " + i + ", expected finite values");
      }
    }
  }

  /** A solver of this problem with every input and output checked. */
  private final class CheckedSolver implements Solver {
    private final Solver solver;
    private final String who;

    CheckedSolver(Solver solver) {
      if (solver == null) {
        throw new IllegalStateException("task '" + task + "' has no solver (trainingSolver or evaluationSolver "
            + "returned null)");
      }
      this.solver = solver;
      this.who = "solver '" + solver.name() + "' of task '" + task + "'";
    }

    @Override
    public String name() {
      return solver.name();
    }

    @Override
    public void validate(Matrix predictions, Instance instance) {
      Matrix y = instance.targets();
      if (predictions.rows() != y.rows() || predictions.cols() != y.cols()) {
        throw new IllegalArgumentException(who + ": predictions are " + predictions.shape() + ", expected the "
            + "targets' shape " + y.shape());
      }
      double[] p = predictions.data();
      for (int i = 0; i < p.length; i++) {
        if (!Double.isFinite(p[i])) {
          throw new IllegalArgumentException(who + ": prediction (" + i / predictions.cols() + ", "
              + i % predictions.cols() + ") is " + p[i] + " (did the model diverge?)");
        }
      }
      try {
        solver.validate(predictions, instance);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(who + " rejects its input: " + e.getMessage(), e);
      }
    }

    @Override
    public Solution solve(Matrix predictions, Instance instance, RandomGenerator rng) {
      validate(predictions, instance);
      return checked(solver.solve(predictions, instance, rng), instance);
    }

    @Override
    public Solution solveFrom(Matrix predictions, Instance instance, RandomGenerator rng, Solution start) {
      validate(predictions, instance);
      return checked(solver.solveFrom(predictions, instance, rng, start), instance);
    }

    @Override
    public boolean deterministic() {
      return solver.deterministic();
    }

    @Override
    public boolean threadSafe() {
      return solver.threadSafe();
    }

    @Override
    public boolean globalOptimum() {
      return solver.globalOptimum();
    }

    private Solution checked(Solution s, Instance instance) {
      if (s == null || s.decision() == null) {
        throw new IllegalStateException(who + " returned no decision");
      }
      int n = decisionSize(instance);
      if (s.decision().length != n) {
        throw new IllegalStateException(who + " returned a decision of length " + s.decision().length
            + ", expected decisionSize " + n);
      }
      requireFinite(who + ": decision", s.decision());
      return s;
    }

    @Override
    public Matrix vjp(Solution solution, double[] decisionCotangent) {
      if (decisionCotangent.length != solution.decision().length) {
        throw new IllegalArgumentException(who + ": the cotangent has length " + decisionCotangent.length
            + ", the decision " + solution.decision().length);
      }
      Matrix g = solver.vjp(solution, decisionCotangent);
      Matrix p = solution.predictions();
      if (g == null || g.rows() != p.rows() || g.cols() != p.cols()) {
        throw new IllegalStateException(who + " returned a VJP of shape " + (g == null ? "null" : g.shape())
            + ", expected the predictions' shape " + p.shape());
      }
      requireFinite(who + ": VJP", g.data());
      return g;
    }
  }
}
