package org.taskmet.core.linalg;

/**
 * Conjugate gradients on (A + ridge·I) x = b for a symmetric positive-definite A, matrix-free.
 *
 * <p>Per iteration: one operator application, two dots, three vector updates, no allocation (the
 * workspace is kept between solves of the same size). The returned solution is a fresh array. Not
 * thread-safe: use one instance per thread. Throws {@link ArithmeticException} if pᵀ(A + ridge·I)p ≤ 0
 * (indefinite operator) or any quantity becomes non-finite.
 */
public final class ConjugateGradient implements LinearSolver {
  private final DenseKernels kernels;
  private final SolverSupport.Workspace workspace = new SolverSupport.Workspace(3);

  public ConjugateGradient() {
    this(Kernels.get());
  }

  public ConjugateGradient(DenseKernels kernels) {
    this.kernels = kernels;
  }

  @Override
  public String name() {
    return "cg";
  }

  @Override
  public SolveResult solve(LinearOperator a, double[] b, SolveOptions options) {
    int n = SolverSupport.checkInputs(name(), a, b, options);
    double[] x = new double[n];
    SolverSupport.initialGuess(options, x);
    double ridge = options.ridge();
    LinearOperator shifted = (v, out) -> SolverSupport.applyShifted(kernels, a, ridge, v, out);
    return CgIteration.run(name(), kernels, shifted, b, x, null, workspace.vectors(n), options);
  }
}
