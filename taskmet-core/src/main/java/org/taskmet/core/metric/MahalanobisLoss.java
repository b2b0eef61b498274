package org.taskmet.core.metric;

import java.util.List;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.Model;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;
import org.taskmet.core.linalg.LinearOperator;

/**
 * TaskMet's prediction loss (reference §1.3) L(θ, φ) = Σ_r w_r e_rᵀ Λ_φ(x_r) e_r with e_r = f_θ(x_r) − y_r
 * and the row weights of an {@link InstanceBatch} (mean over rows, then over instances), with every
 * derivative TaskMet needs in closed form (§1.4):
 * <ul>
 *   <li>∇θL = Jᵀg, g_r = 2 w_r Λ_r e_r;</li>
 *   <li>∇φL = ∇φ Σ_r w_r e_rᵀΛ_r e_r (the metric's bilinear gradient);</li>
 *   <li>H u = ∇²θL·u, exact: the model's R-operator with ġ_r = 2 w_r Λ_r (J u)_r (Gauss–Newton: drop the
 *       model-curvature term);</li>
 *   <li>(∂²L/∂φ∂θ)ᵀu = ∇φ Σ_r 2 w_r e_rᵀ Λ_r (J u)_r: the mixed product of the implicit gradient.</li>
 * </ul>
 * {@link #at} runs the model and metric forward passes once; the returned {@link Evaluation} reuses them
 * for any number of products (each HVP costs one tangent sweep and one reverse sweep of the model).
 */
public final class MahalanobisLoss {
  private static final DenseKernels K = Kernels.get();

  private final Model model;
  private final MetricParameterization metric;

  public MahalanobisLoss(Model model, MetricParameterization metric) {
    if (model.outputSize() != metric.outputSize() || model.inputSize() != metric.inputSize()) {
      throw new IllegalArgumentException("model maps " + model.inputSize() + " -> " + model.outputSize()
          + " but the metric expects inputs of " + metric.inputSize() + " and predictions of "
          + metric.outputSize());
    }
    this.model = model;
    this.metric = metric;
  }

  public Model model() {
    return model;
  }

  public MetricParameterization metric() {
    return metric;
  }

  /** Evaluates at (θ, φ) on {@code batch} (stacked once). */
  public Evaluation at(double[] theta, double[] phi, List<Instance> batch) {
    return at(theta, phi, InstanceBatch.of(batch));
  }

  /** Evaluates at (θ, φ) on a stacked batch. */
  public Evaluation at(double[] theta, double[] phi, InstanceBatch batch) {
    return new Evaluation(theta, phi, batch, model.forward(theta, batch.features()),
        metric.forward(phi, batch.features()));
  }

  /**
   * Evaluates at θ reusing a metric pass made on {@code batch.features()} (φ is fixed during TaskMet's inner
   * loop, so one metric pass serves every inner step on the same rows).
   */
  public Evaluation at(double[] theta, InstanceBatch batch, ForwardPass metricPass) {
    if (metricPass.input() != batch.features() && !metricPass.input().sameValues(batch.features())) {
      throw new IllegalArgumentException("the metric pass was made on other rows than the batch's features");
    }
    return new Evaluation(theta, metricPass.parameters(), batch, model.forward(theta, batch.features()), metricPass);
  }

  /**
   * Evaluates at θ with the metric given as materialized rows Λ_r (rows × n², e.g. from a {@link MetricCache}):
   * the inner-loop path, where φ is fixed and only the value, ∇θL and θ-products are needed. Products in φ
   * ({@code gradientPhi}, {@code mixedProduct}) throw on such an evaluation.
   */
  public Evaluation atFixedMetric(double[] theta, InstanceBatch batch, Matrix lambdaRows) {
    int n = model.outputSize();
    if (lambdaRows.rows() != batch.rows() || lambdaRows.cols() != n * n) {
      throw new IllegalArgumentException("metric rows have shape " + lambdaRows.shape() + ", expected "
          + batch.rows() + "x" + (n * n) + " (one row-major n x n block per batch row)");
    }
    return new Evaluation(theta, null, batch, model.forward(theta, batch.features()), null, lambdaRows);
  }

  /** The loss and its derivatives at one point; products reuse the forward passes. Not thread-safe. */
  public final class Evaluation {
    private final double[] theta;
    private final double[] phi;
    private final InstanceBatch batch;
    private final ForwardPass modelPass;
    private final ForwardPass metricPass;
    private final Matrix residuals;
    private final Matrix outputGradient;
    private final double value;
    private double[] gradientTheta;
    private double[] gradientPhi;
    private final double[] twiceWeights;

    private final Matrix lambdaRows;

    private Evaluation(double[] theta, double[] phi, InstanceBatch batch, ForwardPass modelPass,
        ForwardPass metricPass) {
      this(theta, phi, batch, modelPass, metricPass, null);
    }

    private Evaluation(double[] theta, double[] phi, InstanceBatch batch, ForwardPass modelPass,
        ForwardPass metricPass, Matrix lambdaRows) {
      this.lambdaRows = lambdaRows;
      this.theta = theta;
      this.phi = phi;
      this.batch = batch;
      this.modelPass = modelPass;
      this.metricPass = metricPass;
      int rows = batch.rows();
      int n = model.outputSize();
      double[] pred = modelPass.output().data();
      double[] y = batch.targets().data();
      double[] e = new double[rows * n];
      for (int i = 0; i < e.length; i++) {
        e[i] = pred[i] - y[i];
      }
      this.residuals = new Matrix(rows, n, e);
      Matrix lambdaE = applyMetric(residuals);
      double[] le = lambdaE.data();
      double[] w = batch.rowWeights();
      double v = 0;
      twiceWeights = new double[rows];
      for (int r = 0; r < rows; r++) {
        double q = 0;
        for (int i = 0; i < n; i++) {
          q += e[r * n + i] * le[r * n + i];
        }
        v += w[r] * q;
        twiceWeights[r] = 2 * w[r];
        for (int i = 0; i < n; i++) {
          le[r * n + i] *= twiceWeights[r];
        }
      }
      if (!Double.isFinite(v)) {
        throw new ArithmeticException("Mahalanobis loss is not finite (" + v + ") at the given parameters");
      }
      this.value = v;
      this.outputGradient = lambdaE;
    }

    /** L(θ, φ). */
    public double value() {
      return value;
    }

    /** ∇θL (computed once, then cached; do not modify). */
    public double[] gradientTheta() {
      if (gradientTheta == null) {
        gradientTheta = model.vjp(modelPass, outputGradient);
      }
      return gradientTheta;
    }

    /** ∇φL (computed once, then cached; do not modify). */
    public double[] gradientPhi() {
      requireMetricPass("gradientPhi");
      if (gradientPhi == null) {
        gradientPhi = metric.bilinearGradient(metricPass, residuals, residuals, batch.rowWeights());
      }
      return gradientPhi;
    }

    /** ∇²θL·u, exact. */
    public double[] hessianVectorProduct(double[] u) {
      Matrix s = model.jvp(modelPass, u);
      return model.vjpTangent(modelPass, u, outputGradient, weightedMetric(s));
    }

    /** The Gauss–Newton product Jᵀ(2WΛ)J u (equals the HVP for a linear model). */
    public double[] gaussNewtonProduct(double[] u) {
      return model.vjp(modelPass, weightedMetric(model.jvp(modelPass, u)));
    }

    /** (∂²L/∂φ∂θ)ᵀ u = ∇φ(∇θL · u), length |φ|. */
    public double[] mixedProduct(double[] u) {
      requireMetricPass("mixedProduct");
      Matrix s = model.jvp(modelPass, u);
      return metric.bilinearGradient(metricPass, residuals, s, twiceWeights);
    }

    /** The exact Hessian in θ as a matrix-free operator (for CG / MINRES). */
    public LinearOperator hessian() {
      return LinearOperator.of(theta.length, (x, out) -> System.arraycopy(hessianVectorProduct(x), 0, out, 0,
          out.length));
    }

    /** The Gauss–Newton matrix in θ as a matrix-free operator (positive semi-definite). */
    public LinearOperator gaussNewton() {
      return LinearOperator.of(theta.length, (x, out) -> System.arraycopy(gaussNewtonProduct(x), 0, out, 0,
          out.length));
    }

    private void requireMetricPass(String product) {
      if (metricPass == null) {
        throw new IllegalStateException(product + " needs the metric's forward pass; this evaluation was made by "
            + "atFixedMetric from materialized metric rows");
      }
    }

    /** Rows Λ_r v_r, from the metric pass or the materialized rows. */
    private Matrix applyMetric(Matrix v) {
      if (lambdaRows == null) {
        return metric.apply(metricPass, v);
      }
      int n = v.cols();
      double[] out = new double[v.rows() * n];
      for (int r = 0; r < v.rows(); r++) {
        K.gemv(n, n, 1.0, lambdaRows.data(), r * n * n, v.data(), r * n, 0.0, out, r * n);
      }
      return new Matrix(v.rows(), n, out);
    }

    /** Rows 2 w_r Λ_r s_r, in place in a fresh {@link #applyMetric} result. */
    private Matrix weightedMetric(Matrix s) {
      Matrix m = applyMetric(s);
      K.scaleRows(m.rows(), m.cols(), twiceWeights, m.data());
      return m;
    }

    public double[] theta() {
      return theta;
    }

    public double[] phi() {
      return phi;
    }

    public InstanceBatch batch() {
      return batch;
    }

    /** The model's pass (predictions = {@code modelPass().output()}). */
    public ForwardPass modelPass() {
      return modelPass;
    }

    /** The metric's pass, or {@code null} for an {@link MahalanobisLoss#atFixedMetric} evaluation. */
    public ForwardPass metricPass() {
      return metricPass;
    }

    /** e = f_θ(X) − Y (do not modify). */
    public Matrix residuals() {
      return residuals;
    }
  }
}
