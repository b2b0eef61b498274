package org.taskmet.conformance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Dataset;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;
import org.taskmet.api.Task;
import org.taskmet.api.TaskShape;

/**
 * The conformance checks of a {@link Task} plugin and its {@link DecisionProblem} (framework-neutral: a
 * failure is an {@link AssertionError} naming the task, the check and what was expected):
 * <ul>
 *   <li>{@link #checkDeterministicData}: the same dataset seed gives bit-identical splits;</li>
 *   <li>{@link #checkShapes}: non-empty splits, every instance shaped as {@link Task#shape()} says, finite;</li>
 *   <li>{@link #checkDecisions}: both solvers accept the true targets, return decisions of
 *       {@link DecisionProblem#decisionSize} finite values, and the objective is finite there;</li>
 *   <li>{@link #checkObjectiveGradient}: {@link DecisionProblem#objectiveGradient} against central
 *       differences of {@link DecisionProblem#objective}.</li>
 * </ul>
 * The task's solvers are checked with {@link SolverConformance} at {@link #predictionsNear noisy predictions}.
 */
public final class TaskConformance {
  private TaskConformance() {}

  /** Two calls of {@code generate(seed)} give bit-identical splits (features, targets and side data). */
  public static void checkDeterministicData(Task task, long seed) {
    DataSplits a = task.generate(seed);
    DataSplits b = task.generate(seed);
    same(task, a.train(), b.train());
    same(task, a.validation(), b.validation());
    same(task, a.test(), b.test());
  }

  private static void same(Task task, Dataset a, Dataset b) {
    if (a.size() != b.size()) {
      throw new AssertionError(task.name() + ": split '" + a.name() + "' has " + a.size() + " then " + b.size()
          + " instances for the same dataset seed");
    }
    for (int i = 0; i < a.size(); i++) {
      Instance x = a.get(i);
      Instance y = b.get(i);
      boolean equal = x.features().sameValues(y.features()) && x.targets().sameValues(y.targets())
          && x.aux().keySet().equals(y.aux().keySet());
      for (Map.Entry<String, Matrix> e : x.aux().entrySet()) {
        equal &= y.aux().containsKey(e.getKey()) && e.getValue().sameValues(y.aux().get(e.getKey()));
      }
      if (!equal) {
        throw new AssertionError(task.name() + ": instance " + i + " of split '" + a.name() + "' differs between two "
            + "generate() calls with the same dataset seed (draw every random number from a generator seeded by it)");
      }
    }
  }

  /** Train, validation and test are non-empty, and every instance has the task's shape and finite values. */
  public static void checkShapes(Task task, DataSplits data) {
    TaskShape shape = task.shape();
    for (Dataset d : List.of(data.train(), data.validation(), data.test())) {
      if (d.size() == 0) {
        throw new AssertionError(task.name() + ": split '" + d.name() + "' is empty");
      }
      for (int i = 0; i < d.size(); i++) {
        Instance in = d.get(i);
        String where = task.name() + ": instance " + i + " of split '" + d.name() + "'";
        if (in.features().rows() != shape.items() || in.features().cols() != shape.features()
            || in.targets().cols() != shape.outputs()) {
          throw new AssertionError(where + " has features " + in.features().shape() + " and targets "
              + in.targets().shape() + "; shape() says " + shape.items() + "x" + shape.features() + " and "
              + shape.items() + "x" + shape.outputs());
        }
        if (!in.features().isFinite() || !in.targets().isFinite()) {
          throw new AssertionError(where + " has a non-finite feature or target");
        }
      }
    }
  }

  /**
   * Both solvers accept the true targets of {@code instance}, return decisions of {@code decisionSize} finite
   * values, and the objective and its gradient at them are finite and of that size.
   */
  public static void checkDecisions(Task task, Instance instance, long seed) {
    DecisionProblem problem = task.decisionProblem();
    int n = problem.decisionSize(instance);
    if (n < 1) {
      throw new AssertionError(task.name() + ": decisionSize is " + n + ", expected >= 1");
    }
    for (Solver solver : List.of(problem.trainingSolver(), problem.evaluationSolver())) {
      String who = task.name() + " " + solver.name();
      try {
        solver.validate(instance.targets(), instance);
      } catch (IllegalArgumentException e) {
        throw new AssertionError(who + ": validate rejects the true targets: " + e.getMessage(), e);
      }
      double[] z = solver.solve(instance.targets(), instance, new SplittableRandom(seed)).decision();
      if (z.length != n) {
        throw new AssertionError(who + ": decision has length " + z.length + ", decisionSize says " + n);
      }
      requireFinite(who + ": decision", z);
      double obj = problem.objective(instance, z, instance.targets());
      if (!Double.isFinite(obj)) {
        throw new AssertionError(who + ": objective at its decision is " + obj);
      }
      double[] g = problem.objectiveGradient(instance, z, instance.targets());
      if (g.length != n) {
        throw new AssertionError(task.name() + ": objectiveGradient has length " + g.length + ", decisionSize says " + n);
      }
      requireFinite(task.name() + ": objectiveGradient", g);
    }
  }

  /** ∂obj/∂z against central differences of obj at the training solver's decision for {@code predictions}. */
  public static void checkObjectiveGradient(Task task, Matrix predictions, Instance instance, long seed,
      FiniteDifferenceCheck check) {
    DecisionProblem problem = task.decisionProblem();
    Solution s = problem.trainingSolver().solve(predictions, instance, new SplittableRandom(seed));
    double[] z = s.decision().clone();
    Matrix truth = instance.targets();
    check.gradient(task.name() + " objective", zz -> problem.objective(instance, zz, truth),
        problem.objectiveGradient(instance, z, truth), z, new SplittableRandom(seed ^ 0x51ED27L));
  }

  /**
   * Predictions near the truth: Y + scale·rms(Y)·N(0, 1), from {@code seed} (so solver checks run where a
   * trained model's predictions would be, not at an arbitrary point).
   */
  public static Matrix predictionsNear(Instance instance, double scale, long seed) {
    double[] y = instance.targets().data();
    double rms = 0;
    for (double v : y) {
      rms += v * v;
    }
    rms = Math.max(1e-3, Math.sqrt(rms / Math.max(1, y.length)));
    SplittableRandom rng = new SplittableRandom(seed);
    double[] p = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      p[i] = y[i] + scale * rms * rng.nextGaussian();
    }
    return new Matrix(instance.targets().rows(), instance.targets().cols(), p);
  }

  private static void requireFinite(String what, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new AssertionError(what + "[" + i + "] = " + v[i] + ", expected a finite value " + Arrays.toString(
            Arrays.copyOf(v, Math.min(v.length, 8))));
      }
    }
  }
}
