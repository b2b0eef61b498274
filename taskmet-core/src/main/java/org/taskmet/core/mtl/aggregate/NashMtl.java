package org.taskmet.core.mtl.aggregate;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.taskmet.api.Aggregation;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;
import org.taskmet.core.linalg.Kernels;

/**
 * Nash-MTL (Navon et al. 2022): the bargaining weights α &gt; 0 with Mα = 1/α (elementwise), found as
 * the minimiser of the strictly convex F(α) = ½αᵀMα − Σ log α_k by damped Newton (Hessian
 * M + diag(1/α²), backtracking that keeps α &gt; 0), warm-started from the previous step. The official
 * code instead runs 20 CCP iterations with cvxpy; both solve the same stationarity condition.
 *
 * <p>As in the official code, M is first divided by ‖M‖_F (α is scaled back, so Mα = 1/α holds for
 * the original M); {@code ridge}·I is added to the normalised M so a zero task gradient cannot send
 * α to infinity.
 *
 * <p>Scale: the natural Nash scale d = Σα_k g_k, for which ‖d‖² = K (weights reported as α). When
 * {@code maxNorm} &gt; 0, d (and the reported weights) are shrunk so ‖d‖ ≤ maxNorm, as the official
 * code's {@code max_norm} (1.0) clipping does; 0 disables it.
 */
public final class NashMtl implements GradientAggregator {
  public static final String NAME = "nash-mtl";
  private final int maxIterations;
  private final double ridge;
  private final double maxNorm;
  private double[] warmStart;

  public NashMtl(int maxIterations, double ridge, double maxNorm) {
    this.maxIterations = maxIterations;
    this.ridge = ridge;
    this.maxNorm = maxNorm;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Aggregation aggregate(Matrix taskGradients, double[] taskLosses, RandomGenerator rng) {
    GradientGeometry.validate(NAME, taskGradients, taskLosses);
    int k = taskGradients.rows();
    double[] gram = GradientGeometry.gram(taskGradients);
    double frobenius = 0;
    for (double v : gram) {
      frobenius += v * v;
    }
    frobenius = Math.sqrt(frobenius);
    double[] alpha = new double[k];
    if (frobenius == 0) {
      return new Aggregation(new double[taskGradients.cols()], alpha);
    }
    double[] normalised = new double[k * k];
    for (int i = 0; i < k * k; i++) {
      normalised[i] = gram[i] / frobenius;
    }
    for (int i = 0; i < k; i++) {
      normalised[i * k + i] += ridge;
    }
    double[] beta = solve(normalised, k, warmStart, maxIterations);
    warmStart = beta.clone();
    double backScale = 1 / Math.sqrt(frobenius);
    for (int i = 0; i < k; i++) {
      alpha[i] = beta[i] * backScale;
    }
    double[] d = GradientGeometry.combine(taskGradients, alpha);
    if (maxNorm > 0) {
      double norm = Kernels.get().norm2(d, 0, d.length);
      if (norm > maxNorm) {
        double shrink = maxNorm / norm;
        Kernels.get().scale(shrink, d, 0, d.length);
        for (int i = 0; i < k; i++) {
          alpha[i] *= shrink;
        }
      }
    }
    return new Aggregation(d, alpha);
  }

  /** ½αᵀMα − Σ log α (infinite outside α &gt; 0). */
  public static double objective(double[] gram, double[] alpha) {
    double s = 0.5 * GradientGeometry.quadraticForm(gram, alpha);
    for (double a : alpha) {
      if (a <= 0) {
        return Double.POSITIVE_INFINITY;
      }
      s -= Math.log(a);
    }
    return s;
  }

  /** Damped Newton for Mα = 1/α from {@code start} (or 1/√M_kk when null or of another size). */
  public static double[] solve(double[] gram, int k, double[] start, int maxIterations) {
    double[] alpha = new double[k];
    if (start != null && start.length == k) {
      System.arraycopy(start, 0, alpha, 0, k);
    } else {
      for (int i = 0; i < k; i++) {
        alpha[i] = 1 / Math.sqrt(gram[i * k + i]);
      }
    }
    double value = objective(gram, alpha);
    for (int it = 0; it < maxIterations; it++) {
      double[] grad = GradientGeometry.times(gram, alpha);
      RealMatrix hessian = new Array2DRowRealMatrix(k, k);
      for (int i = 0; i < k; i++) {
        grad[i] -= 1 / alpha[i];
        for (int j = 0; j < k; j++) {
          hessian.setEntry(i, j, gram[i * k + j]);
        }
        hessian.addToEntry(i, i, 1 / (alpha[i] * alpha[i]));
      }
      double[] newton;
      try {
        newton = new CholeskyDecomposition(hessian, 1e-12, 0).getSolver()
            .solve(new ArrayRealVector(grad)).toArray();
      } catch (NonPositiveDefiniteMatrixException e) {
        throw new IllegalStateException(NAME + ": Newton Hessian is not positive definite (Gram matrix "
            + "not PSD?)", e);
      }
      double decrement = SimplexQp.dot(grad, newton);
      if (decrement < 1e-20) {
        break;
      }
      double t = 1;
      double[] trial = new double[k];
      boolean accepted = false;
      for (int ls = 0; ls < 60; ls++) {
        for (int i = 0; i < k; i++) {
          trial[i] = alpha[i] - t * newton[i];
        }
        double trialValue = objective(gram, trial);
        if (trialValue <= value - 0.25 * t * decrement) {
          System.arraycopy(trial, 0, alpha, 0, k);
          value = trialValue;
          accepted = true;
          break;
        }
        t /= 2;
      }
      if (!accepted) {
        break; // at machine precision of the optimum
      }
    }
    return alpha;
  }

  @Override
  public void reset() {
    warmStart = null;
  }
}
