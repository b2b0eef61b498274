package org.taskmet.conformance;

import java.util.SplittableRandom;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;
import org.taskmet.api.toolkit.SmoothObjective;

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
 *   <li>{@link #checkDomain}: {@link Solver#validate} accepts a point inside the domain and rejects a NaN,
 *       naming the solver.</li>
 *   <li>{@link #checkResidual}: the residual the solver reports is small (it converged).</li>
 *   <li>{@link #checkSmoothObjective}: a toolkit {@link SmoothObjective} is self-consistent (gradient vs value,
 *       Hessian-vector products vs gradient, mixed VJP vs gradient, all by central differences).</li>
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

  /**
   * The solver declares its domain through {@link Solver#validate}: it accepts {@code predictions} (a point
   * inside the domain), its decision there has {@code decisionSize} values, and it rejects predictions holding a
   * NaN with an {@link IllegalArgumentException} whose message names the solver.
   */
  public static void checkDomain(Solver solver, Matrix predictions, Instance instance, int decisionSize, long seed) {
    try {
      solver.validate(predictions, instance);
    } catch (IllegalArgumentException e) {
      throw new AssertionError(solver.name() + ": validate rejects predictions inside the domain: " + e.getMessage(), e);
    }
    double[] z = solver.solve(predictions, instance, new SplittableRandom(seed)).decision();
    if (z.length != decisionSize) {
      throw new AssertionError(solver.name() + ": decision has length " + z.length + ", decisionSize says "
          + decisionSize);
    }
    Matrix nan = predictions.copy();
    nan.data()[nan.data().length / 2] = Double.NaN;
    try {
      solver.validate(nan, instance);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() == null || !e.getMessage().contains(solver.name())) {
        throw new AssertionError(solver.name() + ": validate rejects a NaN prediction but its message does not name "
            + "the solver: " + e.getMessage(), e);
      }
      return;
    }
    throw new AssertionError(solver.name() + ": validate accepts predictions holding a NaN (it must throw an "
        + "IllegalArgumentException naming the solver)");
  }

  /**
   * The solver's reported residual at {@code predictions} is finite, non-negative and at most
   * {@code tolerance} (so the decision it returned is the converged one its VJP assumes).
   */
  public static void checkResidual(Solver solver, Matrix predictions, Instance instance, long seed, double tolerance) {
    Solution s = solver.solve(predictions, instance, new SplittableRandom(seed));
    if (!(s.residual() >= 0) || !(s.residual() <= tolerance)) {
      throw new AssertionError(String.format("%s: reported residual %.3g after %d iterations, expected a finite value "
          + "<= %.3g (not converged?)", solver.name(), s.residual(), s.iterations(), tolerance));
    }
  }

  /**
   * Checks a {@link SmoothObjective} at (z, Ŷ): ∇_z obj against differences of obj, the Hessian-vector product
   * (along every coordinate direction when n ≤ 20, else along random ones) against differences of the
   * gradient, and the mixed VJP (for a random v) against differences in Ŷ of vᵀ∇_z obj.
   */
  public static void checkSmoothObjective(SmoothObjective objective, double[] z, Matrix predictions,
      Instance instance, long seed, FiniteDifferenceCheck check) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = z.length;
    if (objective.decisionSize(instance) != n) {
      throw new AssertionError("smooth objective: decisionSize is " + objective.decisionSize(instance) + " but z has "
          + "length " + n);
    }
    double[] grad = new double[n];
    objective.gradient(z, predictions, instance, grad);
    check.gradient("smooth objective", zz -> objective.value(zz, predictions, instance), grad, z.clone(), rng);
    int directions = Math.max(n, 1) <= 20 ? n : 20;
    for (int k = 0; k < directions; k++) {
      double[] v = new double[n];
      if (n <= 20) {
        v[k] = 1;
      } else {
        v = FiniteDifferenceCheck.randomUnit(n, rng);
      }
      double[] hv = new double[n];
      objective.hessianVector(z, predictions, instance, v, hv);
      final double[] dir = v;
      check.vectors("smooth objective Hessian-vector product along " + (n <= 20 ? "e_" + k : "a random direction"),
          check.directional(zz -> {
            double[] g = new double[n];
            objective.gradient(zz, predictions, instance, g);
            return g;
          }, z, dir), hv);
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    Matrix mixed = objective.mixedVjp(z, predictions, instance, v);
    if (mixed.rows() != predictions.rows() || mixed.cols() != predictions.cols()) {
      throw new AssertionError("smooth objective mixedVjp: shape " + mixed.shape() + ", expected " + predictions.shape());
    }
    int rows = predictions.rows();
    int cols = predictions.cols();
    check.gradient("smooth objective mixed VJP", flat -> {
      double[] g = new double[n];
      objective.gradient(z, new Matrix(rows, cols, flat), instance, g);
      double s = 0.0;
      for (int i = 0; i < n; i++) {
        s += v[i] * g[i];
      }
      return s;
    }, mixed.data(), predictions.data().clone(), rng);
  }
}
