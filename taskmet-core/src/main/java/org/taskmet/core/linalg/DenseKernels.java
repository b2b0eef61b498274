package org.taskmet.core.linalg;

/**
 * Dense {@code double} kernels on row-major arrays: the hot loops of every model, metric and solver.
 *
 * <p>Two implementations agree within rounding: {@link ScalarKernels} and a Vector API one
 * ({@code PanamaKernels}). {@link Kernels#get()} picks one at start-up. Arrays are addressed by offset so
 * callers can work on slices of flat parameter vectors without copying. No method allocates (except a gemm that
 * {@link RowParallelism} splits over threads: its tasks).
 *
 * <p>Matrix shapes follow BLAS: {@code A} is m×k row-major with leading dimension = its column count.
 */
public interface DenseKernels {
  /** A short name for logs and benchmark tables ({@code "scalar"}, {@code "panama-256"}). */
  String name();

  /** Σ_i a[aOff+i]·b[bOff+i] for i &lt; n. */
  double dot(double[] a, int aOff, double[] b, int bOff, int n);

  /** y[yOff+i] += alpha·x[xOff+i]. */
  void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n);

  /** x[off+i] *= alpha. */
  void scale(double alpha, double[] x, int off, int n);

  /** x[r·n + j] *= factors[r] for r &lt; rows, j &lt; n: every row by its own factor, as {@link #scale} row by row. */
  void scaleRows(int rows, int n, double[] factors, double[] x);

  /** Euclidean norm of x[off .. off+n). */
  double norm2(double[] x, int off, int n);

  /** y = alpha·A·x + beta·y, A m×n. When beta == 0, y's old contents are ignored (NaNs included). */
  void gemv(int m, int n, double alpha, double[] a, int aOff, double[] x, int xOff, double beta, double[] y, int yOff);

  /** y = alpha·Aᵀ·x + beta·y, A m×n, x length m, y length n. When beta == 0, y's old contents are ignored. */
  void gemvTransposed(
      int m, int n, double alpha, double[] a, int aOff, double[] x, int xOff, double beta, double[] y, int yOff);

  /**
   * C = alpha·op(A)·op(B) + beta·C with C m×n, op(A) m×k, op(B) k×n; op is the transpose when the flag is
   * set (then A is stored k×m, B stored n×k). When beta == 0, C's old contents are ignored.
   */
  void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, double[] b, double beta,
      double[] c);

  /** A += alpha·x·yᵀ, A m×n. */
  void rank1Update(int m, int n, double alpha, double[] x, int xOff, double[] y, int yOff, double[] a, int aOff);

  /**
   * z[r·n + j] = σ(z[r·n + j] + bias[biasOff + j]) for r &lt; rows, j &lt; n, with σ the ReLU
   * ({@code v > 0 ? v : 0.0}) when {@code relu} and the identity otherwise: a dense layer's bias and activation
   * in one pass over its output. Bit-identical to an axpy of the bias into each row followed by the ReLU.
   */
  void addBias(int rows, int n, double[] bias, int biasOff, boolean relu, double[] z);

  /**
   * out[i] = a[i] &gt; 0 ? v[i] : v[i]·0.0 for i &lt; n: v times the ReLU's derivative, read off the ReLU's output
   * a (no derivative array). Bit-identical to v[i]·d[i] with d[i] = a[i] &gt; 0 ? 1.0 : 0.0. {@code out} may be v.
   */
  void reluGate(int n, double[] a, double[] v, double[] out);

  /**
   * out[outOff + j] = Σ_r g[r·n + j] for j &lt; n, the rows added in order r = 0, 1, … to 0.0: a dense layer's bias
   * gradient in one pass. Bit-identical to clearing {@code out} and adding each row with {@code axpy(1.0, …)}.
   */
  void columnSums(int rows, int n, double[] g, double[] out, int outOff);

  /** out[r] = Σ_j e[r·n + j]² for r &lt; rows. */
  void rowSquaredNorms(int rows, int n, double[] e, double[] out);

  /** out[r] = e_rᵀ Λ_r e_r with Λ_r the n×n block at {@code lambdas[r·n²]} and e_r row r of e (rows×n). */
  void rowQuadraticForms(int rows, int n, double[] lambdas, double[] e, double[] out);
}
