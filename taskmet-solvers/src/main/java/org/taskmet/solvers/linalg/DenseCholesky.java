package org.taskmet.solvers.linalg;

/**
 * In-place Cholesky factorization A = L·Lᵀ of a small dense symmetric positive-definite matrix
 * (row-major; only the lower triangle is read and overwritten), and the solve with it. Used by the QP's
 * interior-point iterations; no allocation.
 */
public final class DenseCholesky {
  private DenseCholesky() {}

  /**
   * Factors the lower triangle of {@code a} (n × n) in place.
   *
   * @return false when a pivot is not positive and finite (A is not positive definite to working precision)
   */
  public static boolean factor(double[] a, int n) {
    for (int j = 0; j < n; j++) {
      int jo = j * n;
      double d = a[jo + j];
      for (int k = 0; k < j; k++) {
        d -= a[jo + k] * a[jo + k];
      }
      if (!(d > 0.0) || !Double.isFinite(d)) {
        return false;
      }
      double ljj = Math.sqrt(d);
      a[jo + j] = ljj;
      double inv = 1.0 / ljj;
      for (int i = j + 1; i < n; i++) {
        int io = i * n;
        double s = a[io + j];
        for (int k = 0; k < j; k++) {
          s -= a[io + k] * a[jo + k];
        }
        a[io + j] = s * inv;
      }
    }
    return true;
  }

  /** Solves A·x = b in place in {@code b} (offset {@code off}), with the factor from {@link #factor}. */
  public static void solve(double[] l, int n, double[] b, int off) {
    for (int i = 0; i < n; i++) {
      double s = b[off + i];
      int io = i * n;
      for (int k = 0; k < i; k++) {
        s -= l[io + k] * b[off + k];
      }
      b[off + i] = s / l[io + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[off + i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k * n + i] * b[off + k];
      }
      b[off + i] = s / l[i * n + i];
    }
  }
}
