package org.taskmet.core.implicit;

import org.taskmet.core.linalg.LinearOperator;
import org.taskmet.core.linalg.LinearSolver;
import org.taskmet.core.linalg.LinearSolvers;
import org.taskmet.core.linalg.SolveOptions;
import org.taskmet.core.linalg.SolveResult;
import org.taskmet.core.metric.MahalanobisLoss;

/**
 * The implicit-function-theorem hypergradient of TaskMet (reference §1.4): for θ*(φ) with
 * ∇θL(θ*, φ) = 0,
 * <pre>  ∇φ L_task(θ*(φ)) = −(∂²L/∂φ∂θ)ᵀ H⁻¹ ∇θ L_task,   H = ∇²θ L(θ*, φ)</pre>
 * computed matrix-free: one linear solve H u = ∇θL_task with a {@link LinearSolver} on HVPs, then one
 * mixed product. The reference solver is normal CG, 5 iterations, ridge 1e-5 ({@link #taskmetDefault()}).
 */
public final class Hypergradient {
  /** u ↦ (∂²L/∂φ∂θ)ᵀ u = ∇φ(∇θL · u), a vector of length |φ|. */
  @FunctionalInterface
  public interface MixedProduct {
    double[] apply(double[] u);
  }

  /**
   * @param gradientPhi ∇φ L_task
   * @param adjoint u, the (approximate) solution of H u = ∇θL_task; a warm start for the next solve
   * @param solve the linear solve's report (iterations, residual, converged)
   */
  public record Result(double[] gradientPhi, double[] adjoint, SolveResult solve) {}

  private final LinearSolver solver;
  private final SolveOptions options;

  public Hypergradient(LinearSolver solver, SolveOptions options) {
    this.solver = solver;
    this.options = options;
  }

  /** A solver by name ({@code "normal-cg"}, {@code "cg"}, {@code "minres"}, {@code "jacobi-cg"}). */
  public static Hypergradient named(String solverName, SolveOptions options) {
    return new Hypergradient(LinearSolvers.byName(solverName), options);
  }

  /** TaskMet's reference: normal CG, 5 iterations, ridge 1e-5, relative tolerance 1e-5. */
  public static Hypergradient taskmetDefault() {
    return named("normal-cg", SolveOptions.taskmetDefaults());
  }

  public LinearSolver solver() {
    return solver;
  }

  public SolveOptions options() {
    return options;
  }

  /**
   * ∇φ L_task from a Hessian operator, the task gradient in θ and the mixed product.
   *
   * @param warmStart initial guess of u (e.g. the previous outer step's adjoint), or {@code null}
   * @throws IllegalArgumentException when the task gradient has the wrong length or is not finite
   * @throws ArithmeticException when the linear solve breaks down (see {@link LinearSolver})
   */
  public Result compute(LinearOperator hessian, double[] taskGradientTheta, MixedProduct mixed, double[] warmStart) {
    if (taskGradientTheta.length != hessian.size()) {
      throw new IllegalArgumentException("task gradient has length " + taskGradientTheta.length
          + " but the Hessian acts on " + hessian.size() + " parameters");
    }
    for (int i = 0; i < taskGradientTheta.length; i++) {
      if (!Double.isFinite(taskGradientTheta[i])) {
        throw new IllegalArgumentException("task gradient[" + i + "] is not finite: " + taskGradientTheta[i]);
      }
    }
    SolveOptions opts = warmStart == null ? options : options.withWarmStart(warmStart);
    SolveResult solve = solver.solve(hessian, taskGradientTheta, opts);
    double[] g = mixed.apply(solve.solution());
    for (int i = 0; i < g.length; i++) {
      g[i] = -g[i];
    }
    return new Result(g, solve.solution(), solve);
  }

  /** Which matrix stands for ∂²L/∂θ² in the solve. */
  public enum Curvature {
    /** The exact Hessian (R-operator HVPs), as the reference's double backward. */
    EXACT,
    /** The Gauss–Newton matrix Jᵀ(2WΛ)J: positive semi-definite, drops the model-curvature term. */
    GAUSS_NEWTON
  }

  /** The same, with the exact Hessian and mixed product of a Mahalanobis-loss evaluation at θ*. */
  public Result compute(MahalanobisLoss.Evaluation atOptimum, double[] taskGradientTheta, double[] warmStart) {
    return compute(atOptimum, taskGradientTheta, warmStart, Curvature.EXACT);
  }

  /** The same, with the chosen curvature matrix. */
  public Result compute(MahalanobisLoss.Evaluation atOptimum, double[] taskGradientTheta, double[] warmStart,
      Curvature curvature) {
    LinearOperator h = curvature == Curvature.EXACT ? atOptimum.hessian() : atOptimum.gaussNewton();
    return compute(h, taskGradientTheta, atOptimum::mixedProduct, warmStart);
  }

  public Result compute(MahalanobisLoss.Evaluation atOptimum, double[] taskGradientTheta) {
    return compute(atOptimum, taskGradientTheta, null);
  }
}
