package org.taskmet.core.linalg;

/**
 * MINRES (Paige &amp; Saunders 1975) on (A + ridge·I) x = b for a symmetric, possibly indefinite A: the
 * Lanczos process with Givens rotations, minimising ‖b − (A + ridge·I) x‖ over the Krylov space, so it
 * does not break down on negative curvature the way CG does.
 *
 * <p>The residual norm used for stopping and reported in {@link SolveResult#residualNorm()} is the
 * recurrence estimate φ̄ (equal to the true residual in exact arithmetic). Per iteration: one operator
 * application, no allocation. Throws {@link ArithmeticException} on non-finite quantities or on an exactly
 * singular projected system. Not thread-safe: one instance per thread.
 */
public final class Minres implements LinearSolver {
  private final DenseKernels kernels;
  /** The Lanczos vectors r1, r2, the product buffer y, v, and the three search directions w, w1, w2. */
  private final SolverSupport.Workspace workspace = new SolverSupport.Workspace(7);

  public Minres() {
    this(Kernels.get());
  }

  public Minres(DenseKernels kernels) {
    this.kernels = kernels;
  }

  @Override
  public String name() {
    return "minres";
  }

  @Override
  public SolveResult solve(LinearOperator a, double[] b, SolveOptions options) {
    String solver = name();
    DenseKernels k = kernels;
    int n = SolverSupport.checkInputs(solver, a, b, options);
    double ridge = options.ridge();
    double[][] work = workspace.vectors(n);
    double[] r1 = work[0];
    double[] r2 = work[1];
    double[] y = work[2];
    double[] v = work[3];
    double[] w = work[4];
    double[] w1 = work[5];
    double[] w2 = work[6];
    double[] x = new double[n];
    SolverSupport.initialGuess(options, x);

    SolverSupport.applyShifted(k, a, ridge, x, y);
    for (int i = 0; i < n; i++) {
      r1[i] = b[i] - y[i];
    }
    System.arraycopy(r1, 0, r2, 0, n);
    java.util.Arrays.fill(w, 0.0);
    java.util.Arrays.fill(w1, 0.0);
    java.util.Arrays.fill(w2, 0.0);
    double threshold = SolverSupport.threshold(options, k.norm2(b, 0, n));
    double beta = SolverSupport.requireFinite(solver, "initial residual ‖b − A·x0‖", k.norm2(r1, 0, n), 0);
    if (beta <= threshold) {
      return new SolveResult(x, 0, beta, true);
    }
    double oldBeta = 0;
    double dbar = 0;
    double epsilon = 0;
    double phiBar = beta;
    double cs = -1;
    double sn = 0;
    for (int it = 1; it <= options.maxIterations(); it++) {
      // Lanczos step: v = r2/β, y = (A + ridge·I) v − (β/β_old) r1 − (α/β) r2
      double s = 1.0 / beta;
      for (int i = 0; i < n; i++) {
        v[i] = s * r2[i];
      }
      SolverSupport.applyShifted(k, a, ridge, v, y);
      if (it >= 2) {
        k.axpy(-beta / oldBeta, r1, 0, y, 0, n);
      }
      double alpha = SolverSupport.requireFinite(solver, "Lanczos coefficient vᵀAv", k.dot(v, 0, y, 0, n), it);
      k.axpy(-alpha / beta, r2, 0, y, 0, n);
      double[] freed = r1;
      r1 = r2;
      r2 = y;
      y = freed;
      oldBeta = beta;
      beta = SolverSupport.requireFinite(solver, "Lanczos norm β", k.norm2(r2, 0, n), it);

      // apply the previous rotation, then make a new one that annihilates β
      double oldEpsilon = epsilon;
      double delta = cs * dbar + sn * alpha;
      double gBar = sn * dbar - cs * alpha;
      epsilon = sn * beta;
      dbar = -cs * beta;
      double gamma = Math.hypot(gBar, beta);
      if (gamma == 0) {
        throw new ArithmeticException(solver + ": breakdown, the projected system is singular (γ = 0) at iteration "
            + it + "; (A + ridge·I) is singular on the Krylov space of b");
      }
      cs = gBar / gamma;
      sn = beta / gamma;
      double phi = cs * phiBar;
      phiBar = sn * phiBar;

      // w_new = (v − ε_old·w1 − δ·w2)/γ after shifting (w1, w2) ← (w2, w); the oldest w1 buffer is reused
      double[] oldest = w1;
      w1 = w2;
      w2 = w;
      w = oldest;
      double inv = 1.0 / gamma;
      for (int i = 0; i < n; i++) {
        w[i] = (v[i] - oldEpsilon * w1[i] - delta * w2[i]) * inv;
      }
      k.axpy(phi, w, 0, x, 0, n);
      SolverSupport.requireFinite(solver, "residual estimate φ̄", phiBar, it);
      if (phiBar <= threshold) {
        return new SolveResult(x, it, phiBar, true);
      }
    }
    return new SolveResult(x, options.maxIterations(), phiBar, false);
  }
}
