package org.taskmet.core.linalg;

/**
 * The (optionally Jacobi-preconditioned) conjugate-gradient loop shared by {@link ConjugateGradient},
 * {@link NormalConjugateGradient} and {@link JacobiConjugateGradient}. Follows the torchopt/JAX {@code cg}
 * recurrences: the residual is updated recursively (no extra operator application), and the loop stops
 * as soon as ‖r‖ ≤ max(rtol·‖rhs‖, atol), checked before every iteration (so 0 iterations when the
 * initial guess already satisfies it).
 */
final class CgIteration {
  private CgIteration() {}

  /**
   * Runs CG on {@code op x = rhs}, starting from and overwriting x.
   *
   * @param op the full system operator (ridge already included)
   * @param inverseDiagonal the Jacobi preconditioner M = diag⁻¹, or null for plain CG
   * @param work at least 3 vectors of length n (r, p, Ap), plus z when preconditioned
   */
  static SolveResult run(String solver, DenseKernels k, LinearOperator op, double[] rhs, double[] x,
      double[] inverseDiagonal, double[][] work, SolveOptions options) {
    int n = rhs.length;
    double[] r = work[0];
    double[] p = work[1];
    double[] ap = work[2];
    double[] z = inverseDiagonal == null ? r : work[3];

    if (isZero(x)) {
      // the usual cold start: A·0 = 0, and skipping it saves one operator application (two HVPs for normal CG)
      System.arraycopy(rhs, 0, r, 0, n);
    } else {
      op.apply(x, ap);
      for (int i = 0; i < n; i++) {
        r[i] = rhs[i] - ap[i];
      }
    }
    double threshold = SolverSupport.threshold(options, k.norm2(rhs, 0, n));
    double rr = SolverSupport.requireFinite(solver, "initial residual ‖b − A·x0‖²", k.dot(r, 0, r, 0, n), 0);
    if (Math.sqrt(rr) <= threshold) {
      return new SolveResult(x, 0, Math.sqrt(rr), true);
    }
    double gamma = precondition(inverseDiagonal, r, z, k, rr);
    System.arraycopy(z, 0, p, 0, n);
    for (int it = 1; it <= options.maxIterations(); it++) {
      op.apply(p, ap);
      double pap = SolverSupport.requireFinite(solver, "curvature pᵀAp", k.dot(p, 0, ap, 0, n), it);
      if (pap <= 0) {
        throw new ArithmeticException(solver + ": breakdown, curvature pᵀAp = " + pap + " <= 0 at iteration " + it
            + " (the operator plus ridge is not positive definite; use minres for indefinite systems)");
      }
      double alpha = SolverSupport.requireFinite(solver, "step alpha", gamma / pap, it);
      k.axpy(alpha, p, 0, x, 0, n);
      k.axpy(-alpha, ap, 0, r, 0, n);
      rr = SolverSupport.requireFinite(solver, "residual ‖r‖²", k.dot(r, 0, r, 0, n), it);
      if (Math.sqrt(rr) <= threshold) {
        return new SolveResult(x, it, Math.sqrt(rr), true);
      }
      if (it == options.maxIterations()) {
        break;
      }
      double gammaNext = precondition(inverseDiagonal, r, z, k, rr);
      double beta = gammaNext / gamma;
      gamma = gammaNext;
      for (int i = 0; i < n; i++) {
        p[i] = z[i] + beta * p[i];
      }
    }
    return new SolveResult(x, options.maxIterations(), Math.sqrt(rr), false);
  }

  private static boolean isZero(double[] x) {
    for (double v : x) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  /** z = M r and returns rᵀz (= rr without a preconditioner, where z aliases r). */
  private static double precondition(double[] inverseDiagonal, double[] r, double[] z, DenseKernels k, double rr) {
    if (inverseDiagonal == null) {
      return rr;
    }
    for (int i = 0; i < r.length; i++) {
      z[i] = inverseDiagonal[i] * r[i];
    }
    return k.dot(r, 0, z, 0, r.length);
  }
}
