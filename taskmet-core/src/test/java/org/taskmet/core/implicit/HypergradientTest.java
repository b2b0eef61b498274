package org.taskmet.core.implicit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.core.linalg.SolveOptions;
import org.taskmet.core.metric.InstanceBatch;
import org.taskmet.core.metric.MahalanobisLoss;
import org.taskmet.core.metric.PerSampleDiagonalMetric;
import org.taskmet.core.metric.TaskMetMlpMetric;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;
import org.taskmet.core.optim.Adam;

class HypergradientTest {
  private static final SolveOptions EXACT = new SolveOptions(0.0, 200, 1e-13, 0.0, null);

  /**
   * Weighted least squares with a learned per-sample diagonal weighting: for a linear model θ*(φ) is the
   * closed form (Σ w_r J_rᵀΛ_r J_r)⁻¹ Σ w_r J_rᵀΛ_r y_r, built here from explicit Jacobians and the metric's
   * values only; dL_task/dφ is the central difference of L_task(θ*(φ)).
   */
  @ParameterizedTest
  @ValueSource(strings = {"cg", "minres", "normal-cg"})
  void matchesTheClosedFormWeightedLeastSquaresAnswer(String solver) {
    SplittableRandom rng = new SplittableRandom(31);
    int f = 2;
    int n = 2;
    Sequential model = Sequential.linear(f, n);
    MetricParameterization metric = new PerSampleDiagonalMetric(f, n, 3);
    InstanceBatch train = InstanceBatch.of(instances(3, 4, f, n, rng));
    InstanceBatch val = InstanceBatch.of(instances(2, 3, f, n, rng));
    double[] phi = metric.initialParameters(rng);
    for (int i = 0; i < phi.length; i++) {
      phi[i] += 0.5 * rng.nextGaussian();
    }
    double[] thetaStar = closedForm(metric, phi, train, f, n);
    MahalanobisLoss loss = new MahalanobisLoss(model, metric);
    MahalanobisLoss.Evaluation at = loss.at(thetaStar, phi, train);
    assertThat(norm(at.gradientTheta())).isLessThan(1e-12); // really the inner optimum

    double[] taskGrad = validationGradient(thetaStar, val, f, n);
    Hypergradient.Result result = Hypergradient.named(solver, EXACT).compute(at, taskGrad);

    FiniteDifferenceCheck fd = new FiniteDifferenceCheck(1e-5, 1e-6, 1e-9, 100);
    fd.gradient("hypergradient (" + solver + ")", p -> validationLoss(closedForm(metric, p, train, f, n), val, f, n),
        result.gradientPhi(), phi, rng);
    assertThat(result.solve().converged()).isTrue();
    // a linear model has no curvature term: Gauss–Newton gives the same answer
    double[] gn = Hypergradient.named(solver, EXACT).compute(at, taskGrad, null, Hypergradient.Curvature.GAUSS_NEWTON)
        .gradientPhi();
    fd.vectors("Gauss-Newton hypergradient of a linear model", result.gradientPhi(), gn);
  }

  /** The reference setting (normal CG, 5 iterations, ridge 1e-5) is exact up to the ridge on a 2-parameter model. */
  @Test
  void referenceDefaultsSolveASmallProblemUpToTheRidge() {
    SplittableRandom rng = new SplittableRandom(5);
    Sequential model = Sequential.linear(1, 1);
    MetricParameterization metric = new TaskMetMlpMetric(1, 1, 4, false);
    InstanceBatch train = InstanceBatch.of(instances(4, 5, 1, 1, rng));
    InstanceBatch val = InstanceBatch.of(instances(2, 5, 1, 1, rng));
    double[] phi = metric.initialParameters(rng);
    double[] thetaStar = closedForm(metric, phi, train, 1, 1);
    var at = new MahalanobisLoss(model, metric).at(thetaStar, phi, train);
    double[] taskGrad = validationGradient(thetaStar, val, 1, 1);
    double[] reference = Hypergradient.taskmetDefault().compute(at, taskGrad).gradientPhi();
    double[] exact = Hypergradient.named("cg", EXACT).compute(at, taskGrad).gradientPhi();
    new FiniteDifferenceCheck(1e-5, 1e-3, 1e-8, 100).vectors("normal-cg(5, 1e-5) vs exact", exact, reference);
  }

  /**
   * A model nonlinear in θ (dense layer with a tanh output, so the Hessian has the model-curvature term)
   * and TaskMet's metric network: the inner problem is solved to machine precision by Newton's method at
   * φ and at φ ± h e_j; the implicit hypergradient must match the central difference of the task loss of
   * those solutions.
   */
  @Test
  void matchesFiniteDifferencesOfTheSolvedInnerProblemForANonlinearModel() {
    SplittableRandom rng = new SplittableRandom(77);
    Sequential model = Sequential.mlp(3, 2, 0, 0, Activation.IDENTITY, Activation.TANH,
        Initialization.pytorchDefault());
    MetricParameterization metric = new TaskMetMlpMetric(3, 2, 4, false);
    MahalanobisLoss loss = new MahalanobisLoss(model, metric);
    InstanceBatch train = InstanceBatch.of(squashed(3, 10, rng));
    InstanceBatch val = InstanceBatch.of(squashed(2, 8, rng));
    double[] phi = metric.initialParameters(rng);
    double[] theta = model.initialParameters(rng);
    Adam adam = new Adam(theta.length, 0.02);
    for (int t = 0; t < 3000; t++) {
      adam.step(theta, loss.at(theta, phi, train).gradientTheta());
    }
    double[] thetaStar = newton(loss, theta, phi, train);
    var at = loss.at(thetaStar, phi, train);
    RealMatrix h = hessian(at, thetaStar.length);
    new CholeskyDecomposition(h, 1e-10, 1e-12); // a strict local minimum: H positive definite

    MahalanobisLoss valLoss = new MahalanobisLoss(model, new org.taskmet.core.metric.IdentityMetric(3, 2));
    double[] taskGrad = valLoss.at(thetaStar, new double[0], val).gradientTheta();
    double[] hyper = Hypergradient.named("cg", EXACT).compute(at, taskGrad).gradientPhi();
    FiniteDifferenceCheck fd = new FiniteDifferenceCheck(1e-5, 1e-5, 1e-9, 100);
    fd.gradient("hypergradient vs solved inner problem",
        p -> valLoss.at(newton(loss, thetaStar, p, train), new double[0], val).value(), hyper, phi, rng);
  }

  @Test
  void rejectsBadTaskGradients() {
    SplittableRandom rng = new SplittableRandom(1);
    Sequential model = Sequential.linear(1, 1);
    MetricParameterization metric = new TaskMetMlpMetric(1, 1, 2, false);
    var at = new MahalanobisLoss(model, metric).at(model.initialParameters(rng), metric.initialParameters(rng),
        InstanceBatch.of(instances(1, 3, 1, 1, rng)));
    assertThatThrownBy(() -> Hypergradient.taskmetDefault().compute(at, new double[3]))
        .hasMessageContaining("length 3").hasMessageContaining("2 parameters");
    assertThatThrownBy(() -> Hypergradient.taskmetDefault().compute(at, new double[] {0, Double.NaN}))
        .hasMessageContaining("task gradient[1]");
    assertThatThrownBy(() -> Hypergradient.named("lu", EXACT)).hasMessageContaining("'lu'");
  }

  // --- helpers -------------------------------------------------------------------------------------------

  static List<Instance> instances(int count, int rows, int f, int n, SplittableRandom rng) {
    List<Instance> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] x = new double[rows * f];
      double[] y = new double[rows * n];
      for (int k = 0; k < x.length; k++) {
        x[k] = rng.nextGaussian();
      }
      for (int k = 0; k < y.length; k++) {
        y[k] = x[k % x.length] + 0.5 * rng.nextGaussian();
      }
      list.add(new Instance(new Matrix(rows, f, x), new Matrix(rows, n, y)));
    }
    return list;
  }

  /** y = tanh(A x + noise) for a fixed A: 3 features, 2 targets in (−1, 1). */
  static List<Instance> squashed(int count, int rows, SplittableRandom rng) {
    double[][] a = {{0.8, -0.5, 0.3}, {-0.2, 0.6, 0.9}};
    List<Instance> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] x = new double[rows * 3];
      double[] y = new double[rows * 2];
      for (int k = 0; k < x.length; k++) {
        x[k] = rng.nextGaussian();
      }
      for (int r = 0; r < rows; r++) {
        for (int o = 0; o < 2; o++) {
          double z = 0.2 * rng.nextGaussian();
          for (int c = 0; c < 3; c++) {
            z += a[o][c] * x[r * 3 + c];
          }
          y[r * 2 + o] = Math.tanh(z);
        }
      }
      list.add(new Instance(new Matrix(rows, 3, x), new Matrix(rows, 2, y)));
    }
    return list;
  }

  /** Row r's Jacobian of f = W x + b in θ = [W row-major, b]: n × (n·f + n). */
  static double[][] jacobian(double[] x, int xOff, int f, int n) {
    double[][] j = new double[n][n * f + n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < f; c++) {
        j[i][i * f + c] = x[xOff + c];
      }
      j[i][n * f + i] = 1;
    }
    return j;
  }

  static double[] closedForm(MetricParameterization metric, double[] phi, InstanceBatch b, int f, int n) {
    Matrix lambda = metric.forward(phi, b.features()).output();
    int p = n * f + n;
    RealMatrix a = new Array2DRowRealMatrix(p, p);
    ArrayRealVector c = new ArrayRealVector(p);
    for (int r = 0; r < b.rows(); r++) {
      RealMatrix jr = new Array2DRowRealMatrix(jacobian(b.features().data(), r * f, f, n), false);
      double[][] l = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
          l[i][k] = lambda.get(r, i * n + k);
        }
      }
      RealMatrix jtl = jr.transpose().multiply(new Array2DRowRealMatrix(l, false)).scalarMultiply(b.rowWeights()[r]);
      a = a.add(jtl.multiply(jr));
      c = c.add(jtl.operate(new ArrayRealVector(b.targets().row(r))));
    }
    return new LUDecomposition(a).getSolver().solve(c).toArray();
  }

  /** Validation MSE (mean over rows of ‖W x + b − y‖²) and its gradient, from explicit Jacobians. */
  static double validationLoss(double[] theta, InstanceBatch val, int f, int n) {
    double s = 0;
    for (int r = 0; r < val.rows(); r++) {
      double[] e = residual(theta, val, r, f, n);
      for (double v : e) {
        s += v * v / val.rows();
      }
    }
    return s;
  }

  static double[] validationGradient(double[] theta, InstanceBatch val, int f, int n) {
    double[] g = new double[theta.length];
    for (int r = 0; r < val.rows(); r++) {
      double[] e = residual(theta, val, r, f, n);
      double[][] j = jacobian(val.features().data(), r * f, f, n);
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < theta.length; k++) {
          g[k] += 2 * e[i] * j[i][k] / val.rows();
        }
      }
    }
    return g;
  }

  static double[] residual(double[] theta, InstanceBatch val, int r, int f, int n) {
    double[][] j = jacobian(val.features().data(), r * f, f, n);
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < theta.length; k++) {
        s += j[i][k] * theta[k];
      }
      e[i] = s - val.targets().get(r, i);
    }
    return e;
  }

  static RealMatrix hessian(MahalanobisLoss.Evaluation at, int p) {
    double[][] h = new double[p][];
    for (int k = 0; k < p; k++) {
      double[] e = new double[p];
      e[k] = 1;
      h[k] = at.hessianVectorProduct(e);
    }
    RealMatrix m = new Array2DRowRealMatrix(h, false);
    return m.add(m.transpose()).scalarMultiply(0.5);
  }

  /** Newton's method from θ0 until the gradient norm is at rounding level. */
  static double[] newton(MahalanobisLoss loss, double[] theta0, double[] phi, InstanceBatch batch) {
    double[] theta = theta0.clone();
    for (int it = 0; it < 50; it++) {
      var at = loss.at(theta, phi, batch);
      double[] g = at.gradientTheta();
      if (norm(g) < 1e-14) {
        return theta;
      }
      RealMatrix hm = hessian(at, theta.length);
      double[] step = new LUDecomposition(hm, 0.0).getSolver()
          .solve(new ArrayRealVector(g)).toArray();
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= step[i];
      }
    }
    double g = norm(loss.at(theta, phi, batch).gradientTheta());
    if (g > 1e-11) {
      throw new AssertionError("Newton did not converge: gradient norm " + g);
    }
    return theta;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
