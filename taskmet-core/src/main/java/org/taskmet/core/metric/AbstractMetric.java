package org.taskmet.core.metric;

import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;

/**
 * Shared plumbing of the built-in metrics: argument checks, the pass type, and Λ_r v_r from the
 * materialized rows × n² output.
 */
abstract class AbstractMetric implements MetricParameterization {
  static final DenseKernels K = Kernels.get();

  final int inputSize;
  final int n;

  AbstractMetric(int inputSize, int outputSize) {
    if (inputSize < 1 || outputSize < 1) {
      throw new IllegalArgumentException(
          "metric sizes must be >= 1, got inputSize=" + inputSize + " outputSize=" + outputSize);
    }
    this.inputSize = inputSize;
    this.n = outputSize;
  }

  @Override
  public int inputSize() {
    return inputSize;
  }

  @Override
  public int outputSize() {
    return n;
  }

  @Override
  public final ForwardPass forward(double[] parameters, Matrix input) {
    checkVector("metric parameters", parameters, parameterCount());
    if (input.cols() != inputSize) {
      throw new IllegalArgumentException(
          "metric input has " + input.cols() + " columns, expected " + inputSize + " (shape " + input.shape() + ")");
    }
    if (!input.isFinite()) {
      throw new IllegalArgumentException("metric input " + input.shape() + " contains a non-finite value");
    }
    // a private copy: products on this pass must not see later in-place updates of φ (optimizer steps)
    return evaluate(parameters.clone(), input);
  }

  /** Builds the pass after the arguments were checked; owns {@code parameters}. */
  abstract Pass evaluate(double[] parameters, Matrix input);

  @Override
  public Matrix apply(ForwardPass pass, Matrix v) {
    Pass p = own(pass);
    checkRows("v", p, v);
    int rows = v.rows();
    double[] out = new double[rows * n];
    double[] lambda = p.lambda();
    for (int r = 0; r < rows; r++) {
      K.gemv(n, n, 1.0, lambda, r * n * n, v.data(), r * n, 0.0, out, r * n);
    }
    return new Matrix(rows, n, out);
  }

  Pass own(ForwardPass pass) {
    if (pass instanceof Pass p && p.owner == this) {
      return p;
    }
    throw new IllegalArgumentException("forward pass was not made by this metric (" + this + ")");
  }

  void checkRows(String what, Pass p, Matrix m) {
    if (m.rows() != p.rows() || m.cols() != n) {
      throw new IllegalArgumentException(what + " has shape " + m.shape() + ", expected " + p.rows() + "x" + n);
    }
  }

  void checkBilinear(Pass p, Matrix a, Matrix b, double[] rowWeights) {
    checkRows("a", p, a);
    checkRows("b", p, b);
    if (rowWeights.length != p.rows()) {
      throw new IllegalArgumentException("rowWeights has length " + rowWeights.length + ", expected " + p.rows());
    }
  }

  static void checkVector(String what, double[] v, int length) {
    if (v == null || v.length != length) {
      throw new IllegalArgumentException(what + " must have length " + length + ", got "
          + (v == null ? "null" : v.length));
    }
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(what + "[" + i + "] is not finite: " + v[i]);
      }
    }
  }

  /** Σ_r w_r a_r ⊙ b_r (length n): the weighted per-coordinate products the diagonal metrics need. */
  double[] weightedProducts(Matrix a, Matrix b, double[] rowWeights) {
    double[] q = new double[n];
    double[] ad = a.data();
    double[] bd = b.data();
    for (int r = 0; r < rowWeights.length; r++) {
      double w = rowWeights[r];
      for (int i = 0; i < n; i++) {
        q[i] += w * ad[r * n + i] * bd[r * n + i];
      }
    }
    return q;
  }

  /**
   * The pass of a built-in metric: Λ rows (rows × n², row-major n×n blocks) and the metric's own cache. A
   * diagonal metric keeps only its diagonals and materializes the n² blocks on the first {@link #output()}
   * call, so products at large n (hundreds of state dimensions) never allocate rows × n² values.
   */
  static class Pass implements ForwardPass {
    final AbstractMetric owner;
    final double[] phi;
    final Matrix input;
    /** Diagonal metrics: Λ_r = diag(diagonal[r·stride .. r·stride + n)); null for dense blocks. */
    private final double[] diagonal;
    private final int stride;
    private double[] lambda;
    private Matrix output;

    /** A pass with dense blocks Λ_r. */
    Pass(AbstractMetric owner, double[] phi, Matrix input, double[] lambda) {
      this(owner, phi, input, lambda, null, 0);
    }

    /** A pass of a diagonal metric: row r's diagonal starts at {@code r·stride} (stride 0: one shared diagonal). */
    Pass(AbstractMetric owner, double[] phi, Matrix input, double[] diagonal, int stride) {
      this(owner, phi, input, null, diagonal, stride);
    }

    private Pass(AbstractMetric owner, double[] phi, Matrix input, double[] lambda, double[] diagonal, int stride) {
      this.owner = owner;
      this.phi = phi;
      this.input = input;
      this.lambda = lambda;
      this.diagonal = diagonal;
      this.stride = stride;
    }

    int rows() {
      return input.rows();
    }

    /** The rows × n² blocks (materialized on first use for a diagonal metric; do not modify). */
    double[] lambda() {
      if (lambda == null) {
        lambda = DiagonalRows.materialize(rows(), owner.n, diagonal, stride);
      }
      return lambda;
    }

    /** Λ_r's diagonal entry i; only for passes of diagonal metrics. */
    double diagonal(int r, int i) {
      return diagonal[r * stride + i];
    }

    @Override
    public double[] parameters() {
      return phi;
    }

    @Override
    public Matrix input() {
      return input;
    }

    @Override
    public Matrix output() {
      if (output == null) {
        output = new Matrix(input.rows(), owner.n * owner.n, lambda());
      }
      return output;
    }
  }
}
