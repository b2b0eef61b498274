package org.taskmet.core.linalg;

/** The plain-Java kernels: the reference the SIMD kernels are tested against, and the fallback. */
public final class ScalarKernels implements DenseKernels {
  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public double dot(double[] a, int aOff, double[] b, int bOff, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[aOff + i] * b[bOff + i];
    }
    return s;
  }

  @Override
  public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += alpha * x[xOff + i];
    }
  }

  @Override
  public void scale(double alpha, double[] x, int off, int n) {
    for (int i = 0; i < n; i++) {
      x[off + i] *= alpha;
    }
  }

  @Override
  public void scaleRows(int rows, int n, double[] factors, double[] x) {
    for (int r = 0; r < rows; r++) {
      scale(factors[r], x, r * n, n);
    }
  }

  @Override
  public double norm2(double[] x, int off, int n) {
    return Math.sqrt(dot(x, off, x, off, n));
  }

  @Override
  public void gemv(int m, int n, double alpha, double[] a, int aOff, double[] x, int xOff, double beta, double[] y,
      int yOff) {
    for (int i = 0; i < m; i++) {
      double s = alpha * dot(a, aOff + i * n, x, xOff, n);
      y[yOff + i] = beta == 0 ? s : s + beta * y[yOff + i];
    }
  }

  @Override
  public void gemvTransposed(int m, int n, double alpha, double[] a, int aOff, double[] x, int xOff, double beta,
      double[] y, int yOff) {
    if (beta == 0) {
      java.util.Arrays.fill(y, yOff, yOff + n, 0.0);
    } else if (beta != 1) {
      scale(beta, y, yOff, n);
    }
    for (int i = 0; i < m; i++) {
      axpy(alpha * x[xOff + i], a, aOff + i * n, y, yOff, n);
    }
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, double[] b,
      double beta, double[] c) {
    int parts = RowParallelism.parts(m, n, k);
    if (parts == 1) {
      gemmRows(transA, transB, m, n, k, alpha, a, b, beta, c, 0, m);
    } else {
      RowParallelism.split(m, parts, (from, to) -> gemmRows(transA, transB, m, n, k, alpha, a, b, beta, c, from, to));
    }
  }

  private static void gemmRows(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
      double[] b, double beta, double[] c, int from, int to) {
    for (int i = from; i < to; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          double av = transA ? a[p * m + i] : a[i * k + p];
          double bv = transB ? b[j * k + p] : b[p * n + j];
          s += av * bv;
        }
        c[i * n + j] = beta == 0 ? alpha * s : alpha * s + beta * c[i * n + j];
      }
    }
  }

  @Override
  public void rank1Update(int m, int n, double alpha, double[] x, int xOff, double[] y, int yOff, double[] a,
      int aOff) {
    for (int i = 0; i < m; i++) {
      axpy(alpha * x[xOff + i], y, yOff, a, aOff + i * n, n);
    }
  }

  @Override
  public void addBias(int rows, int n, double[] bias, int biasOff, boolean relu, double[] z) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0, o = r * n; j < n; j++) {
        double v = z[o + j] + bias[biasOff + j];
        z[o + j] = relu ? (v > 0 ? v : 0.0) : v;
      }
    }
  }

  @Override
  public void reluGate(int n, double[] a, double[] v, double[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = a[i] > 0 ? v[i] : v[i] * 0.0;
    }
  }

  @Override
  public void columnSums(int rows, int n, double[] g, double[] out, int outOff) {
    java.util.Arrays.fill(out, outOff, outOff + n, 0.0);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < n; j++) {
        out[outOff + j] += g[r * n + j];
      }
    }
  }

  @Override
  public void rowSquaredNorms(int rows, int n, double[] e, double[] out) {
    for (int r = 0; r < rows; r++) {
      out[r] = dot(e, r * n, e, r * n, n);
    }
  }

  @Override
  public void rowQuadraticForms(int rows, int n, double[] lambdas, double[] e, double[] out) {
    int nn = n * n;
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += e[r * n + i] * dot(lambdas, r * nn + i * n, e, r * n, n);
      }
      out[r] = s;
    }
  }
}
