package org.example.newsvendor;

import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;

/**
 * One metric for every row: Λ = diag(exp(d)) + U Uᵀ with U of size n × rank, positive definite by construction.
 * Parameters φ = [d (n values), U (n·rank values, row-major)]. The diagonal weighs each output's error, the
 * low-rank part couples outputs whose errors cost together (products that share a budget).
 */
final class LowRankMetric implements MetricParameterization {
  private final int inputSize;
  private final int n;
  private final int rank;
  private final double initScale;

  LowRankMetric(int inputSize, int outputSize, int rank, double initScale) {
    this.inputSize = inputSize;
    this.n = outputSize;
    this.rank = rank;
    this.initScale = initScale;
  }

  /** What a pass keeps: its own copy of φ and the materialized Λ (n × n, row-major) repeated per row. */
  private record Pass(double[] parameters, Matrix input, Matrix output, double[] lambda) implements ForwardPass {}

  @Override
  public int inputSize() {
    return inputSize;
  }

  @Override
  public int outputSize() {
    return n;
  }

  @Override
  public int parameterCount() {
    return n + n * rank;
  }

  /** d = 0 (identity diagonal) and small random U. */
  @Override
  public double[] initialParameters(RandomGenerator rng) {
    double[] phi = new double[parameterCount()];
    for (int i = n; i < phi.length; i++) {
      phi[i] = initScale * rng.nextGaussian();
    }
    return phi;
  }

  @Override
  public ForwardPass forward(double[] parameters, Matrix input) {
    double[] phi = parameters.clone(); // optimizers update φ in place; a pass keeps its own copy
    double[] lambda = new double[n * n];
    for (int i = 0; i < n; i++) {
      lambda[i * n + i] = Math.exp(phi[i]);
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < rank; k++) {
          lambda[i * n + j] += u(phi, i, k) * u(phi, j, k);
        }
      }
    }
    double[] out = new double[input.rows() * n * n];
    for (int r = 0; r < input.rows(); r++) {
      System.arraycopy(lambda, 0, out, r * n * n, n * n);
    }
    return new Pass(phi, input, new Matrix(input.rows(), n * n, out), lambda);
  }

  private double u(double[] phi, int i, int k) {
    return phi[n + i * rank + k];
  }

  @Override
  public Matrix apply(ForwardPass pass, Matrix v) {
    double[] lambda = ((Pass) pass).lambda();
    Matrix out = Matrix.zeros(v.rows(), n);
    for (int r = 0; r < v.rows(); r++) {
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += lambda[i * n + j] * v.get(r, j);
        }
        out.set(r, i, s);
      }
    }
    return out;
  }

  /** ∂/∂d_i = exp(d_i) Σ_r w_r a_ri b_ri; ∂/∂U = Σ_r w_r (a_r (Uᵀb_r)ᵀ + b_r (Uᵀa_r)ᵀ). */
  @Override
  public double[] bilinearGradient(ForwardPass pass, Matrix a, Matrix b, double[] rowWeights) {
    double[] phi = pass.parameters();
    double[] g = new double[parameterCount()];
    for (int r = 0; r < a.rows(); r++) {
      double w = rowWeights[r];
      for (int i = 0; i < n; i++) {
        g[i] += w * a.get(r, i) * b.get(r, i) * Math.exp(phi[i]);
      }
      for (int k = 0; k < rank; k++) {
        double ub = 0;
        double ua = 0;
        for (int j = 0; j < n; j++) {
          ub += u(phi, j, k) * b.get(r, j);
          ua += u(phi, j, k) * a.get(r, j);
        }
        for (int i = 0; i < n; i++) {
          g[n + i * rank + k] += w * (a.get(r, i) * ub + b.get(r, i) * ua);
        }
      }
    }
    return g;
  }

  /** (DΛ[φ̇]) v = exp(d)·ḋ ⊙ v + (U̇Uᵀ + UU̇ᵀ) v. */
  @Override
  public Matrix applyTangent(ForwardPass pass, double[] parameterTangent, Matrix v) {
    double[] phi = pass.parameters();
    Matrix out = Matrix.zeros(v.rows(), n);
    for (int r = 0; r < v.rows(); r++) {
      for (int i = 0; i < n; i++) {
        out.set(r, i, Math.exp(phi[i]) * parameterTangent[i] * v.get(r, i));
      }
      for (int k = 0; k < rank; k++) {
        double uv = 0;
        double udv = 0;
        for (int j = 0; j < n; j++) {
          uv += u(phi, j, k) * v.get(r, j);
          udv += u(parameterTangent, j, k) * v.get(r, j);
        }
        for (int i = 0; i < n; i++) {
          out.set(r, i, out.get(r, i) + u(parameterTangent, i, k) * uv + u(phi, i, k) * udv);
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "low-rank metric (n=" + n + ", rank=" + rank + ")";
  }
}
