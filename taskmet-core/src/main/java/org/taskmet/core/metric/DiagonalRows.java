package org.taskmet.core.metric;

import org.taskmet.api.Matrix;

/** Helpers of the diagonal metrics: materializing diag(d) blocks and applying them row by row. */
final class DiagonalRows {
  private DiagonalRows() {}

  /**
   * rows × n² blocks diag(d_r); d_r = d[r·stride .. r·stride + n) (stride 0: one shared diagonal).
   */
  static double[] materialize(int rows, int n, double[] d, int stride) {
    double[] lambda = new double[rows * n * n];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < n; i++) {
        lambda[r * n * n + i * n + i] = d[r * stride + i];
      }
    }
    return lambda;
  }

  /** Rows Λ_r v_r from the diagonals of a diagonal metric's pass. */
  static Matrix apply(AbstractMetric.Pass p, Matrix v, int n) {
    double[] out = new double[v.rows() * n];
    double[] vd = v.data();
    for (int r = 0; r < v.rows(); r++) {
      for (int i = 0; i < n; i++) {
        out[r * n + i] = p.diagonal(r, i) * vd[r * n + i];
      }
    }
    return new Matrix(v.rows(), n, out);
  }

  /** Rows d ⊙ v_r for one shared d. */
  static Matrix scale(Matrix v, double[] d, int n) {
    double[] out = new double[v.rows() * n];
    double[] vd = v.data();
    for (int r = 0; r < v.rows(); r++) {
      for (int i = 0; i < n; i++) {
        out[r * n + i] = d[i] * vd[r * n + i];
      }
    }
    return new Matrix(v.rows(), n, out);
  }
}
