package org.taskmet.core.method;

import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;

/**
 * The metric of one TaskMet outer step with φ held fixed: Λ_r of every training row is computed once
 * ({@link #freeze}), and the inner loop's batches look their rows up instead of re-running the metric
 * network at every inner step (measured: the network forward was most of the inner-loop time).
 *
 * <p>Only what the inner loop's loss value and θ-gradient need is supported: {@link #forward} (which
 * gathers the rows selected with {@link #select}) and {@link #apply}. The φ-products are not, since
 * φ is constant here; the hypergradient uses the real metric.
 */
final class FrozenMetric implements MetricParameterization {
  private static final DenseKernels K = Kernels.get();
  private final MetricParameterization metric;
  private final int n;
  private double[] lambdas = new double[0];
  private int[] rows = new int[0];

  FrozenMetric(MetricParameterization metric) {
    this.metric = metric;
    this.n = metric.outputSize();
  }

  /** Computes Λ_r at φ for every row of {@code features} (the stacked training rows). */
  void freeze(double[] phi, Matrix features) {
    Matrix out = metric.forward(phi, features).output();
    if (!out.isFinite()) {
      throw new IllegalStateException("taskmet: the metric produced a non-finite Λ at the current φ");
    }
    lambdas = out.data();
  }

  /** The stacked training rows the next {@link #forward} stands for, in order. */
  void select(int[] stackedRows) {
    rows = stackedRows;
  }

  @Override
  public int inputSize() {
    return metric.inputSize();
  }

  @Override
  public int outputSize() {
    return n;
  }

  @Override
  public int parameterCount() {
    return metric.parameterCount();
  }

  @Override
  public double[] initialParameters(RandomGenerator rng) {
    return metric.initialParameters(rng);
  }

  @Override
  public ForwardPass forward(double[] parameters, Matrix input) {
    if (input.rows() != rows.length) {
      throw new IllegalStateException("frozen metric: " + input.rows() + " input rows but " + rows.length
          + " rows selected");
    }
    int nn = n * n;
    double[] out = new double[rows.length * nn];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(lambdas, rows[r] * nn, out, r * nn, nn);
    }
    Matrix lambda = new Matrix(rows.length, nn, out);
    return new ForwardPass() {
      @Override
      public double[] parameters() {
        return parameters;
      }

      @Override
      public Matrix input() {
        return input;
      }

      @Override
      public Matrix output() {
        return lambda;
      }
    };
  }

  @Override
  public Matrix apply(ForwardPass pass, Matrix v) {
    double[] lambda = pass.output().data();
    int r = v.rows();
    double[] out = new double[r * n];
    if (n == 1) {
      for (int i = 0; i < r; i++) {
        out[i] = lambda[i] * v.data()[i];
      }
    } else {
      for (int i = 0; i < r; i++) {
        K.gemv(n, n, 1.0, lambda, i * n * n, v.data(), i * n, 0.0, out, i * n);
      }
    }
    return new Matrix(r, n, out);
  }

  @Override
  public double[] bilinearGradient(ForwardPass pass, Matrix a, Matrix b, double[] rowWeights) {
    throw new UnsupportedOperationException("frozen metric: φ is constant in the inner loop");
  }

  @Override
  public Matrix applyTangent(ForwardPass pass, double[] parameterTangent, Matrix v) {
    throw new UnsupportedOperationException("frozen metric: φ is constant in the inner loop");
  }
}
