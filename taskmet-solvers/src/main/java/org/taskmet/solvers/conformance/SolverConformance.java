package org.taskmet.solvers.conformance;

import java.util.SplittableRandom;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;
import org.taskmet.core.conformance.FiniteDifferenceCheck;

/**
 * Conformance checks any {@link Solver} plugin can run in its tests (framework-neutral: failures are
 * {@link AssertionError}s naming the solver):
 * <ul>
 *   <li>{@link #checkVjp}: the VJP against central differences of the solve, through the shared
 *       {@link FiniteDifferenceCheck}. Each solve gets a fresh generator with the same seed, so a randomized
 *       solver is checked as the deterministic function it is for a fixed seed. Only meaningful where the
 *       decision is differentiable (no active-set change within the step, solver converged).</li>
 *   <li>{@link #checkDeterministic}: same predictions and seed ⇒ bit-identical decision.</li>
 *   <li>{@link #checkAgainst}: the decision agrees with an independent reference (another solver,
 *       brute force) within a tolerance.</li>
 * </ul>
 */
public final class SolverConformance {
  private SolverConformance() {}

  /** Checks {@code solver.vjp} at {@code predictions} against finite differences of {@code solver.solve}. */
  public static void checkVjp(Solver solver, Matrix predictions, Instance instance, long seed,
      FiniteDifferenceCheck check) {
    int rows = predictions.rows();
    int cols = predictions.cols();
    check.vjp(solver.name(),
        x -> solver.solve(new Matrix(rows, cols, x), instance, new SplittableRandom(seed)).decision(),
        (x, w) -> {
          Solution s = solver.solve(new Matrix(rows, cols, x), instance, new SplittableRandom(seed));
          Matrix g = solver.vjp(s, w);
          if (g.rows() != rows || g.cols() != cols) {
            throw new AssertionError(solver.name() + " VJP: shape " + g.shape() + ", expected " + predictions.shape());
          }
          return g.data();
        },
        predictions.data().clone(), new SplittableRandom(seed ^ 0x5DEECE66DL));
  }

  /** Two solves with the same seed give bit-identical decisions. */
  public static void checkDeterministic(Solver solver, Matrix predictions, Instance instance, long seed) {
    double[] a = solver.solve(predictions, instance, new SplittableRandom(seed)).decision();
    double[] b = solver.solve(predictions, instance, new SplittableRandom(seed)).decision();
    if (!java.util.Arrays.equals(a, b)) {
      throw new AssertionError(solver.name() + ": two solves with seed " + seed + " differ");
    }
  }

  /** max_i |z_i − reference_i| ≤ tolerance. */
  public static void checkAgainst(Solver solver, double[] decision, double[] reference, double tolerance) {
    if (decision.length != reference.length) {
      throw new AssertionError(solver.name() + ": decision has length " + decision.length + ", reference "
          + reference.length);
    }
    for (int i = 0; i < decision.length; i++) {
      if (!(Math.abs(decision[i] - reference[i]) <= tolerance)) {
        throw new AssertionError(String.format("%s: decision[%d] = %.12g but the reference has %.12g (tolerance %.3g)",
            solver.name(), i, decision[i], reference[i], tolerance));
      }
    }
  }
}
