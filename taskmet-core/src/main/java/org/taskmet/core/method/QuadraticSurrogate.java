package org.taskmet.core.method;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;
import org.taskmet.core.optim.Adam;

/**
 * LODL's per-instance quadratic surrogate of the decision regret ("LODL-Quadratic", taskmet.md §3.1):
 * with ŷ, y_c ∈ ℝ^d the flattened predictions and a learnable centre (initialized at the true Y),
 * δ = y_c − ŷ and L a lower-triangular d×d matrix,
 * <pre>  q(ŷ) = ‖Lᵀδ‖² + (α/d)·‖δ‖²  </pre>
 * (‖δᵀ tril(B)‖² in the reference's notation). Fitted by Adam on the MSE between q and the sampled
 * regrets, with early stopping on held-out samples; entries of L are clamped to ±100 after every step.
 */
final class QuadraticSurrogate {
  private static final DenseKernels K = Kernels.get();
  private final int d;
  private final double alpha;
  /** [y_c (d) | L (d×d, row-major, upper triangle kept at 0)]. */
  private final double[] params;

  private QuadraticSurrogate(int d, double alpha, double[] params) {
    this.d = d;
    this.alpha = alpha;
    this.params = params;
  }

  /** Initial surrogate: y_c = y, L_ij ~ U(0,1)/d² on and below the diagonal (the reference init). */
  static QuadraticSurrogate initial(double[] y, double alpha, SplittableRandom rng) {
    int d = y.length;
    double[] p = new double[d + d * d];
    System.arraycopy(y, 0, p, 0, d);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        p[d + i * d + j] = rng.nextDouble() / ((double) d * d);
      }
    }
    return new QuadraticSurrogate(d, alpha, p);
  }

  /**
   * q(ŷ); when {@code gradient} is not null it receives ∂q/∂ŷ (length d, overwritten).
   * {@code work} must have length ≥ 2d.
   */
  double value(double[] yhat, double[] gradient, double[] work) {
    double[] delta = work;
    for (int i = 0; i < d; i++) {
      delta[i] = params[i] - yhat[i];
    }
    // v = Lᵀ δ stored at work[d..2d)
    K.gemvTransposed(d, d, 1.0, params, d, delta, 0, 0.0, work, d);
    double q = K.dot(work, d, work, d, d) + alpha / d * K.dot(delta, 0, delta, 0, d);
    if (gradient != null) {
      // ∂q/∂ŷ = −(2 L v + 2α/d δ)
      K.gemv(d, d, -2.0, params, d, work, d, 0.0, gradient, 0);
      K.axpy(-2.0 * alpha / d, delta, 0, gradient, 0, d);
    }
    return q;
  }

  /**
   * Fits the surrogate to {@code regrets} of the sample predictions {@code samples} (rows, S × d):
   * full-batch Adam on rows [0, trainEnd), early stopping on rows [trainEnd, valEnd).
   *
   * @return the validation MSE of the kept parameters
   */
  double fit(double[] samples, double[] regrets, int trainEnd, int valEnd, double lr, int iterations, int patience) {
    int p = params.length;
    Adam adam = new Adam(p, lr);
    double[] grad = new double[p];
    int nt = trainEnd;
    int nv = valEnd - trainEnd;
    int rows = Math.max(nt, nv);
    double[] delta = new double[rows * d];
    double[] v = new double[rows * d];
    double[] q = new double[rows];
    double[] l = Arrays.copyOfRange(params, d, p);
    double[] gradL = new double[d * d];
    double[] w = new double[d];
    double[] deltaSum = new double[d];
    double[] best = params.clone();
    double bestVal = mse(samples, regrets, trainEnd, nv, l, delta, v, q);
    int sinceBest = 0;
    for (int it = 0; it < iterations && sinceBest < patience; it++) {
      predict(samples, 0, nt, l, delta, v, q);
      // r_s = ∂(mean (q_s − t_s)²)/∂q_s; rows of V become 2·r_s·v_s
      Arrays.fill(w, 0);
      Arrays.fill(deltaSum, 0);
      for (int s = 0; s < nt; s++) {
        double r = 2 * (q[s] - regrets[s]) / nt;
        K.scale(2 * r, v, s * d, d);
        K.axpy(1.0, v, s * d, w, 0, d);
        K.axpy(2 * alpha / d * r, delta, s * d, deltaSum, 0, d);
      }
      // ∂/∂L = Δᵀ·(2r∘V), kept on and below the diagonal
      K.gemm(true, false, d, d, nt, 1.0, delta, v, 0.0, gradL);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          grad[d + i * d + j] = j > i ? 0 : gradL[i * d + j];
        }
      }
      // ∂/∂y_c = Σ_s r_s (2 L v_s + 2α/d δ_s) = L·w + deltaSum
      K.gemv(d, d, 1.0, l, 0, w, 0, 0.0, grad, 0);
      K.axpy(1.0, deltaSum, 0, grad, 0, d);
      adam.step(params, grad);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          int k = d + i * d + j;
          params[k] = j > i ? 0 : Math.max(-100, Math.min(100, params[k]));
          l[i * d + j] = params[k];
        }
      }
      double val = mse(samples, regrets, trainEnd, nv, l, delta, v, q);
      if (val < bestVal) {
        bestVal = val;
        System.arraycopy(params, 0, best, 0, p);
        sinceBest = 0;
      } else {
        sinceBest++;
      }
    }
    System.arraycopy(best, 0, params, 0, p);
    return bestVal;
  }

  /** q for sample rows [from, from+count) into q[0..count), with δ and V = Δ·L left in the buffers. */
  private void predict(double[] samples, int from, int count, double[] l, double[] delta, double[] v, double[] q) {
    for (int s = 0; s < count; s++) {
      int o = (from + s) * d;
      for (int i = 0; i < d; i++) {
        delta[s * d + i] = params[i] - samples[o + i];
      }
    }
    K.gemm(false, false, count, d, d, 1.0, delta, l, 0.0, v);
    for (int s = 0; s < count; s++) {
      q[s] = K.dot(v, s * d, v, s * d, d) + alpha / d * K.dot(delta, s * d, delta, s * d, d);
    }
  }

  private double mse(double[] samples, double[] regrets, int from, int count, double[] l, double[] delta,
      double[] v, double[] q) {
    if (count == 0) {
      return 0;
    }
    predict(samples, from, count, l, delta, v, q);
    double s = 0;
    for (int i = 0; i < count; i++) {
      double e = q[i] - regrets[from + i];
      s += e * e;
    }
    return s / count;
  }
}
