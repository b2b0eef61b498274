package org.taskmet.core.linalg;

/**
 * Jacobi-preconditioned CG on (A + ridge·I) x = b for a symmetric positive-definite A, with the
 * preconditioner M = diag(A + ridge·I)⁻¹. The diagonal comes from the constructor, or else from the
 * operator when it is a {@link DiagonalOperator}. Stops on the unpreconditioned residual ‖r‖, like
 * {@link ConjugateGradient}. Per iteration: one operator application, no allocation. Not thread-safe.
 */
public final class JacobiConjugateGradient implements LinearSolver {
  private final DenseKernels kernels;
  private final double[] fixedDiagonal;
  /** r, p, Ap, z of the CG loop, then the inverse diagonal. */
  private final SolverSupport.Workspace workspace = new SolverSupport.Workspace(5);

  /** Takes the diagonal from each operator, which must then be a {@link DiagonalOperator}. */
  public JacobiConjugateGradient() {
    this(null, Kernels.get());
  }

  /** Uses this diagonal of A (without the ridge) for every solve; it is copied. */
  public JacobiConjugateGradient(double[] diagonal) {
    this(diagonal, Kernels.get());
  }

  public JacobiConjugateGradient(double[] diagonal, DenseKernels kernels) {
    this.fixedDiagonal = diagonal == null ? null : diagonal.clone();
    this.kernels = kernels;
  }

  @Override
  public String name() {
    return "jacobi-cg";
  }

  @Override
  public SolveResult solve(LinearOperator a, double[] b, SolveOptions options) {
    int n = SolverSupport.checkInputs(name(), a, b, options);
    double[][] work = workspace.vectors(n);
    double[] inverseDiagonal = work[4];
    if (fixedDiagonal != null) {
      if (fixedDiagonal.length != n) {
        throw new IllegalArgumentException(name() + ": diagonal has length " + fixedDiagonal.length
            + " but the operator has size " + n);
      }
      System.arraycopy(fixedDiagonal, 0, inverseDiagonal, 0, n);
    } else if (a instanceof DiagonalOperator d) {
      d.diagonal(inverseDiagonal);
    } else {
      throw new IllegalArgumentException(name() + ": needs the operator's diagonal; pass it to the constructor "
          + "or implement DiagonalOperator (got " + a.getClass().getName() + ")");
    }
    double ridge = options.ridge();
    for (int i = 0; i < n; i++) {
      double d = inverseDiagonal[i] + ridge;
      if (!(d > 0) || !Double.isFinite(d)) {
        throw new IllegalArgumentException(name() + ": diagonal[" + i + "] + ridge = " + d
            + " must be finite and > 0 for a Jacobi preconditioner");
      }
      inverseDiagonal[i] = 1.0 / d;
    }
    double[] x = new double[n];
    SolverSupport.initialGuess(options, x);
    LinearOperator shifted = (v, out) -> SolverSupport.applyShifted(kernels, a, ridge, v, out);
    return CgIteration.run(name(), kernels, shifted, b, x, inverseDiagonal, work, options);
  }
}
