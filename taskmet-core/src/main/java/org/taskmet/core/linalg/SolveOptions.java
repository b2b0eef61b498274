package org.taskmet.core.linalg;

/**
 * Settings of an iterative linear solve (JAXopt-style).
 *
 * @param ridge added to the operator: solves (A + ridge·I) x = b, or (A² + ridge·I) x = A b for normal CG
 * @param maxIterations iteration budget (≥ 1)
 * @param relativeTolerance stop when ‖r‖ ≤ max(relativeTolerance·‖b‖, absoluteTolerance)
 * @param absoluteTolerance see above
 * @param warmStart initial guess, or {@code null} for zero
 */
public record SolveOptions(
    double ridge, int maxIterations, double relativeTolerance, double absoluteTolerance, double[] warmStart) {
  public SolveOptions {
    if (!(ridge >= 0) || !Double.isFinite(ridge)) {
      throw new IllegalArgumentException("ridge must be a finite value >= 0, got " + ridge);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    if (!(relativeTolerance >= 0) || !(absoluteTolerance >= 0)) {
      throw new IllegalArgumentException("tolerances must be >= 0, got relative=" + relativeTolerance
          + " absolute=" + absoluteTolerance);
    }
  }

  /** TaskMet's reference setting: 5 iterations, ridge 1e-5, relative tolerance 1e-5, no absolute tolerance. */
  public static SolveOptions taskmetDefaults() {
    return new SolveOptions(1e-5, 5, 1e-5, 0.0, null);
  }

  public SolveOptions withMaxIterations(int n) {
    return new SolveOptions(ridge, n, relativeTolerance, absoluteTolerance, warmStart);
  }

  public SolveOptions withRidge(double r) {
    return new SolveOptions(r, maxIterations, relativeTolerance, absoluteTolerance, warmStart);
  }

  public SolveOptions withWarmStart(double[] x0) {
    return new SolveOptions(ridge, maxIterations, relativeTolerance, absoluteTolerance, x0);
  }
}
