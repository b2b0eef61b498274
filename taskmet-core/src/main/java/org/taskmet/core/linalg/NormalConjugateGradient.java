package org.taskmet.core.linalg;

/**
 * Normal-equation CG for a symmetric A: runs CG on (A² + ridge·I) u = A b, the solver TaskMet's reference
 * uses for the implicit-function-theorem linear system (torchopt {@code solve_normal_cg} semantics, where
 * Aᵀ = A for a Hessian). The system is positive definite for any symmetric A when ridge &gt; 0, so this
 * works on indefinite Hessians at the price of squaring the condition number.
 *
 * <p>Per iteration: two operator applications, no allocation. Convergence is judged on the normal system:
 * stop when ‖A b − (A² + ridge·I) u‖ ≤ max(rtol·‖A b‖, atol), and {@link SolveResult#residualNorm()} is that
 * residual. The warm start, when given, is the initial u. Not thread-safe: one instance per thread.
 */
public final class NormalConjugateGradient implements LinearSolver {
  private final DenseKernels kernels;
  /** r, p, Ap of the CG loop, then the normal right-hand side A b and the intermediate A p. */
  private final SolverSupport.Workspace workspace = new SolverSupport.Workspace(5);

  public NormalConjugateGradient() {
    this(Kernels.get());
  }

  public NormalConjugateGradient(DenseKernels kernels) {
    this.kernels = kernels;
  }

  @Override
  public String name() {
    return "normal-cg";
  }

  @Override
  public SolveResult solve(LinearOperator a, double[] b, SolveOptions options) {
    int n = SolverSupport.checkInputs(name(), a, b, options);
    double[][] work = workspace.vectors(n);
    double[] rhs = work[3];
    double[] inner = work[4];
    a.apply(b, rhs);
    SolverSupport.requireFinite(name(), "normal right-hand side A·b", rhs, 0);
    double ridge = options.ridge();
    LinearOperator normal = (v, out) -> {
      a.apply(v, inner);
      a.apply(inner, out);
      if (ridge != 0) {
        kernels.axpy(ridge, v, 0, out, 0, n);
      }
    };
    double[] x = new double[n];
    SolverSupport.initialGuess(options, x);
    return CgIteration.run(name(), kernels, normal, rhs, x, null, work, options);
  }
}
