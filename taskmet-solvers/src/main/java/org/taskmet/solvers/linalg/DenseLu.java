package org.taskmet.solvers.linalg;

/**
 * In-place LU factorization with partial pivoting of a small dense square matrix (row-major), and the
 * solves with it and its transpose. Used for the indefinite KKT systems of the solvers' backward passes,
 * which are a few dozen to a few hundred rows: no blocking, no allocation.
 */
public final class DenseLu {
  private DenseLu() {}

  /**
   * Factors {@code a} (n × n, row-major) in place into P·A = L·U (unit-lower L below the diagonal, U on and
   * above it) and records the row swaps in {@code pivots} (length n).
   *
   * @return false when a pivot is exactly zero or not finite (the matrix is singular to working precision)
   */
  public static boolean factor(double[] a, int n, int[] pivots) {
    for (int col = 0; col < n; col++) {
      int best = col;
      double bestAbs = Math.abs(a[col * n + col]);
      for (int r = col + 1; r < n; r++) {
        double v = Math.abs(a[r * n + col]);
        if (v > bestAbs) {
          bestAbs = v;
          best = r;
        }
      }
      pivots[col] = best;
      if (bestAbs == 0.0 || !Double.isFinite(bestAbs)) {
        return false;
      }
      if (best != col) {
        for (int j = 0; j < n; j++) {
          double t = a[col * n + j];
          a[col * n + j] = a[best * n + j];
          a[best * n + j] = t;
        }
      }
      double inv = 1.0 / a[col * n + col];
      for (int r = col + 1; r < n; r++) {
        double f = a[r * n + col] * inv;
        a[r * n + col] = f;
        if (f != 0.0) {
          int ro = r * n;
          int co = col * n;
          for (int j = col + 1; j < n; j++) {
            a[ro + j] -= f * a[co + j];
          }
        }
      }
    }
    return true;
  }

  /** Solves A·x = b in place in {@code b}, with {@code a}, {@code pivots} from {@link #factor}. */
  public static void solve(double[] a, int n, int[] pivots, double[] b) {
    for (int i = 0; i < n; i++) {
      int p = pivots[i];
      if (p != i) {
        double t = b[i];
        b[i] = b[p];
        b[p] = t;
      }
    }
    for (int i = 1; i < n; i++) {
      double s = b[i];
      int ro = i * n;
      for (int j = 0; j < i; j++) {
        s -= a[ro + j] * b[j];
      }
      b[i] = s;
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      int ro = i * n;
      for (int j = i + 1; j < n; j++) {
        s -= a[ro + j] * b[j];
      }
      b[i] = s / a[ro + i];
    }
  }

  /** Solves Aᵀ·x = b in place in {@code b}, with {@code a}, {@code pivots} from {@link #factor}. */
  public static void solveTransposed(double[] a, int n, int[] pivots, double[] b) {
    // Aᵀ = Uᵀ Lᵀ P: solve Uᵀ y = b, then Lᵀ w = y, then x = Pᵀ w
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int j = 0; j < i; j++) {
        s -= a[j * n + i] * b[j];
      }
      b[i] = s / a[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int j = i + 1; j < n; j++) {
        s -= a[j * n + i] * b[j];
      }
      b[i] = s;
    }
    for (int i = n - 1; i >= 0; i--) {
      int p = pivots[i];
      if (p != i) {
        double t = b[i];
        b[i] = b[p];
        b[p] = t;
      }
    }
  }
}
