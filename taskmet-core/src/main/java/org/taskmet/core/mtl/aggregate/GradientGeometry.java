package org.taskmet.core.mtl.aggregate;

import org.taskmet.api.Matrix;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;

/**
 * Shared arithmetic of the aggregators on the K×P task-gradient matrix G (row k = g_k): the Gram matrix
 * M = G Gᵀ, weighted combinations Σ w_k g_k, and the input checks every aggregator runs first.
 */
public final class GradientGeometry {
  private static final DenseKernels K = Kernels.get();

  private GradientGeometry() {}

  /** M = G Gᵀ as a K×K row-major array. */
  public static double[] gram(Matrix gradients) {
    int k = gradients.rows();
    int p = gradients.cols();
    double[] g = gradients.data();
    double[] m = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        double v = K.dot(g, i * p, g, j * p, p);
        m[i * k + j] = v;
        m[j * k + i] = v;
      }
    }
    return m;
  }

  /** Σ_k w_k g_k, length P. */
  public static double[] combine(Matrix gradients, double[] weights) {
    int p = gradients.cols();
    double[] d = new double[p];
    K.gemvTransposed(gradients.rows(), p, 1.0, gradients.data(), 0, weights, 0, 0.0, d, 0);
    return d;
  }

  /** wᵀ M w for a K×K row-major M. */
  public static double quadraticForm(double[] m, double[] w) {
    int k = w.length;
    double s = 0;
    for (int i = 0; i < k; i++) {
      s += w[i] * K.dot(m, i * k, w, 0, k);
    }
    return s;
  }

  /** M w for a K×K row-major M. */
  public static double[] times(double[] m, double[] w) {
    int k = w.length;
    double[] out = new double[k];
    K.gemv(k, k, 1.0, m, 0, w, 0, 0.0, out, 0);
    return out;
  }

  /**
   * Checks the aggregator input: at least one task, finite gradients and losses, one loss per task.
   *
   * @throws IllegalArgumentException naming the aggregator and the offending task
   */
  public static void validate(String aggregator, Matrix gradients, double[] losses) {
    if (gradients.rows() < 1) {
      throw new IllegalArgumentException(aggregator + ": needs at least one task gradient, got 0 rows");
    }
    if (losses.length != gradients.rows()) {
      throw new IllegalArgumentException(aggregator + ": got " + gradients.rows() + " task gradients but "
          + losses.length + " task losses; expected one loss per task");
    }
    int p = gradients.cols();
    double[] g = gradients.data();
    for (int k = 0; k < gradients.rows(); k++) {
      if (!Double.isFinite(losses[k])) {
        throw new IllegalArgumentException(aggregator + ": loss of task " + k + " is " + losses[k]
            + "; expected a finite value");
      }
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(g[k * p + j])) {
          throw new IllegalArgumentException(aggregator + ": gradient of task " + k + " has non-finite entry "
              + g[k * p + j] + " at parameter " + j);
        }
      }
    }
  }

  /** Uniform weights 1 (the sum-of-losses scale), length k. */
  public static double[] ones(int k) {
    double[] w = new double[k];
    java.util.Arrays.fill(w, 1.0);
    return w;
  }
}
