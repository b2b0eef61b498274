package org.taskmet.solvers.linalg;

import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;

/**
 * In-place Cholesky factorization A = L·Lᵀ of a small dense symmetric positive-definite matrix
 * (row-major; only the lower triangle is read and overwritten), and the solve with it. Used by the QP's
 * interior-point iterations; no allocation. The row inner products of the factorization run on the shared
 * SIMD {@link Kernels}.
 */
public final class DenseCholesky {
  private static final DenseKernels KERNELS = Kernels.get();

  private DenseCholesky() {}

  /**
   * Factors the lower triangle of {@code a} (n × n) in place.
   *
   * @return false when a pivot is not positive and finite (A is not positive definite to working precision)
   */
  public static boolean factor(double[] a, int n) {
    for (int j = 0; j < n; j++) {
      int jo = j * n;
      double d = a[jo + j] - KERNELS.dot(a, jo, a, jo, j);
      if (!(d > 0.0) || !Double.isFinite(d)) {
        return false;
      }
      double ljj = Math.sqrt(d);
      a[jo + j] = ljj;
      double inv = 1.0 / ljj;
      for (int i = j + 1; i < n; i++) {
        int io = i * n;
        a[io + j] = (a[io + j] - KERNELS.dot(a, io, a, jo, j)) * inv;
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
