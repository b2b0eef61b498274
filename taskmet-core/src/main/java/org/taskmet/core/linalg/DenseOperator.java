package org.taskmet.core.linalg;

/**
 * A square dense matrix as a {@link DiagonalOperator}: x ↦ A x by one {@link DenseKernels#gemv}. Holds a
 * reference to the caller's row-major array (no copy), so later changes to it are seen by the operator.
 */
public final class DenseOperator implements DiagonalOperator {
  private final int n;
  private final double[] a;
  private final DenseKernels kernels;

  /** A is n×n row-major; uses {@link Kernels#get()}. */
  public DenseOperator(int n, double[] a) {
    this(n, a, Kernels.get());
  }

  public DenseOperator(int n, double[] a, DenseKernels kernels) {
    if (n < 0 || a.length != (long) n * n) {
      throw new IllegalArgumentException("dense operator: matrix length must be n*n = " + ((long) n * n)
          + " for n = " + n + ", got " + a.length);
    }
    this.n = n;
    this.a = a;
    this.kernels = kernels;
  }

  @Override
  public void apply(double[] x, double[] out) {
    kernels.gemv(n, n, 1.0, a, 0, x, 0, 0.0, out, 0);
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public void diagonal(double[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = a[i * n + i];
    }
  }
}
