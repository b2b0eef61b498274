package org.taskmet.conformance;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;

/**
 * The conformance check of a {@link MetricParameterization} plugin: shapes, seeded initialization,
 * symmetry and positive semi-definiteness of every Λ_r (eigenvalues by Commons Math), {@code apply}
 * against the materialized Λ_r, {@code bilinearGradient} against central differences of
 * Σ_r w_r a_rᵀ Λ_r(φ) b_r, {@code applyTangent} against central differences of {@code apply}, and the
 * adjointness of the two, and that a forward pass keeps its own copy of φ. Throws {@link AssertionError} naming the product, coordinate, expected and actual.
 */
public final class MetricConformance {
  private final FiniteDifferenceCheck fd;

  public MetricConformance(FiniteDifferenceCheck fd) {
    this.fd = fd;
  }

  /**
   * Runs every check on {@code rows} random input rows at the initial φ for {@code seed} plus a random
   * perturbation of size {@code perturbation} (0 checks exactly at the initialization).
   */
  public void check(MetricParameterization metric, long seed, int rows, double perturbation) {
    String name = metric.toString();
    int n = metric.outputSize();
    double[] init = metric.initialParameters(new SplittableRandom(seed));
    if (init.length != metric.parameterCount()) {
      throw new AssertionError(name + ": initialParameters has length " + init.length + ", parameterCount() says "
          + metric.parameterCount());
    }
    if (!Arrays.equals(init, metric.initialParameters(new SplittableRandom(seed)))) {
      throw new AssertionError(name + ": initialParameters is not a function of the generator's seed");
    }
    RandomGenerator rng = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    double[] phi = init.clone();
    for (int i = 0; i < phi.length; i++) {
      phi[i] += perturbation * rng.nextGaussian();
    }
    Matrix x = ModelConformance.gaussian(rows, metric.inputSize(), rng);
    ForwardPass pass = metric.forward(phi, x);
    Matrix lambda = pass.output();
    if (lambda.rows() != rows || lambda.cols() != n * n) {
      throw new AssertionError(name + ": forward output has shape " + lambda.shape() + ", expected " + rows + "x"
          + (n * n) + " (row-major n x n blocks)");
    }
    for (int r = 0; r < rows; r++) {
      checkSymmetricPsd(name, lambda, r, n);
    }

    Matrix v = ModelConformance.gaussian(rows, n, rng);
    Matrix applied = metric.apply(pass, v);
    checkKeepsOwnParameters(name, metric, phi, x, v, applied);
    double[] expected = new double[rows * n];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += lambda.get(r, i * n + j) * v.get(r, j);
        }
        expected[r * n + i] = s;
      }
    }
    fd.withTolerance(1e-12, 1e-12).vectors(name + " apply vs materialized Λ", expected, shaped(name, applied, rows, n).data());

    if (phi.length == 0) {
      return;
    }
    Matrix a = ModelConformance.gaussian(rows, n, rng);
    Matrix b = ModelConformance.gaussian(rows, n, rng);
    double[] w = new double[rows];
    for (int r = 0; r < rows; r++) {
      w[r] = 0.5 + rng.nextDouble();
    }
    double[] grad = metric.bilinearGradient(pass, a, b, w);
    fd.gradient(name + " bilinearGradient", p -> bilinear(metric.forward(p, x).output(), a, b, w, n), grad, phi, rng);

    double[] phiDot = FiniteDifferenceCheck.randomUnit(phi.length, rng);
    Matrix tangent = metric.applyTangent(pass, phiDot, v);
    fd.vectors(name + " applyTangent",
        fd.directional(p -> metric.apply(metric.forward(p, x), v).data(), phi, phiDot),
        shaped(name, tangent, rows, n).data());
    // adjointness: <bilinearGradient(a, v, w), φ̇> = Σ_r w_r a_rᵀ (DΛ_r[φ̇]) v_r
    double lhs = FiniteDifferenceCheck.dot(metric.bilinearGradient(pass, a, v, w), phiDot);
    double rhs = 0;
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < n; i++) {
        rhs += w[r] * a.get(r, i) * tangent.get(r, i);
      }
    }
    fd.compare(name + " bilinearGradient/applyTangent adjointness", "<grad, phiDot> vs sum w a^T dLambda v", rhs, lhs,
        Math.max(Math.abs(lhs), Math.abs(rhs)));
  }

  /**
   * Optimizers update φ in place after a forward pass, so a pass must not keep the caller's array: products on
   * it must not change when the array does.
   */
  private static void checkKeepsOwnParameters(String name, MetricParameterization metric, double[] phi, Matrix x,
      Matrix v, Matrix applied) {
    double[] mine = phi.clone();
    ForwardPass pass = metric.forward(mine, x);
    Matrix before = pass.output().copy();
    for (int i = 0; i < mine.length; i++) {
      mine[i] += 1.0;
    }
    if (!pass.output().sameValues(before) || !metric.apply(pass, v).sameValues(applied)) {
      throw new AssertionError(name + ": a forward pass changed when the parameter array passed to forward() was "
          + "modified afterwards; forward must copy φ (optimizers update it in place)");
    }
  }

  private static Matrix shaped(String name, Matrix m, int rows, int n) {
    if (m.rows() != rows || m.cols() != n) {
      throw new AssertionError(name + ": product has shape " + m.shape() + ", expected " + rows + "x" + n);
    }
    return m;
  }

  static double bilinear(Matrix lambda, Matrix a, Matrix b, double[] w, int n) {
    double s = 0;
    for (int r = 0; r < w.length; r++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          s += w[r] * a.get(r, i) * lambda.get(r, i * n + j) * b.get(r, j);
        }
      }
    }
    return s;
  }

  private static void checkSymmetricPsd(String name, Matrix lambda, int r, int n) {
    double[][] block = new double[n][n];
    double scale = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        block[i][j] = lambda.get(r, i * n + j);
        if (!Double.isFinite(block[i][j])) {
          throw new AssertionError(name + ": Λ of row " + r + " has a non-finite entry (" + i + "," + j + ")");
        }
        scale = Math.max(scale, Math.abs(block[i][j]));
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (Math.abs(block[i][j] - block[j][i]) > 1e-12 * Math.max(1, scale)) {
          throw new AssertionError(name + ": Λ of row " + r + " is not symmetric at (" + i + "," + j + "): "
              + block[i][j] + " vs " + block[j][i]);
        }
      }
    }
    double[] eig = new EigenDecomposition(new Array2DRowRealMatrix(block, false)).getRealEigenvalues();
    double min = Arrays.stream(eig).min().orElse(0);
    if (min < -1e-10 * Math.max(1, scale)) {
      throw new AssertionError(name + ": Λ of row " + r + " is not positive semi-definite: smallest eigenvalue "
          + min + " (eigenvalues " + Arrays.toString(eig) + ")");
    }
  }
}
