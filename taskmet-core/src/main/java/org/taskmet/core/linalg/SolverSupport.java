package org.taskmet.core.linalg;

/**
 * Shared plumbing of the iterative solvers: argument checks, finiteness checks that turn a NaN into an
 * {@link ArithmeticException} naming the quantity and iteration, and a workspace of n-vectors that is
 * allocated on the first solve and reused by later solves of the same size (so iterations never allocate).
 */
final class SolverSupport {
  private SolverSupport() {}

  /** A reusable set of {@code count} vectors of length n; not thread-safe (one solver instance per thread). */
  static final class Workspace {
    private final double[][] vectors;

    Workspace(int count) {
      vectors = new double[count][0];
    }

    /** The workspace vectors, resized (and then zeroed) only when n changes. */
    double[][] vectors(int n) {
      if (vectors[0].length != n) {
        for (int i = 0; i < vectors.length; i++) {
          vectors[i] = new double[n];
        }
      }
      return vectors;
    }
  }

  /** Checks sizes and finiteness of the inputs; returns n. */
  static int checkInputs(String solver, LinearOperator a, double[] b, SolveOptions options) {
    int n = a.size();
    if (b.length != n) {
      throw new IllegalArgumentException(solver + ": right-hand side b has length " + b.length
          + " but the operator has size " + n);
    }
    requireFinite(solver, "right-hand side b", b, 0);
    double[] x0 = options.warmStart();
    if (x0 != null) {
      if (x0.length != n) {
        throw new IllegalArgumentException(solver + ": warm start has length " + x0.length
            + " but the operator has size " + n);
      }
      requireFinite(solver, "warm start", x0, 0);
    }
    return n;
  }

  static void requireFinite(String solver, String quantity, double[] v, int iteration) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new ArithmeticException(solver + ": " + quantity + "[" + i + "] = " + v[i] + " at iteration "
            + iteration);
      }
    }
  }

  static double requireFinite(String solver, String quantity, double value, int iteration) {
    if (!Double.isFinite(value)) {
      throw new ArithmeticException(solver + ": " + quantity + " = " + value + " at iteration " + iteration
          + " (non-finite operator output or overflow)");
    }
    return value;
  }

  /** x = warm start or 0. */
  static void initialGuess(SolveOptions options, double[] x) {
    if (options.warmStart() == null) {
      java.util.Arrays.fill(x, 0.0);
    } else {
      System.arraycopy(options.warmStart(), 0, x, 0, x.length);
    }
  }

  /** The stopping threshold max(rtol·‖rhs‖, atol) on ‖r‖. */
  static double threshold(SolveOptions options, double rhsNorm) {
    return Math.max(options.relativeTolerance() * rhsNorm, options.absoluteTolerance());
  }

  /** out = A x + ridge·x. */
  static void applyShifted(DenseKernels k, LinearOperator a, double ridge, double[] x, double[] out) {
    a.apply(x, out);
    if (ridge != 0) {
      k.axpy(ridge, x, 0, out, 0, out.length);
    }
  }
}
