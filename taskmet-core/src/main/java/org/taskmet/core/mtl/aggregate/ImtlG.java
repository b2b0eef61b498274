package org.taskmet.core.mtl.aggregate;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.taskmet.api.Aggregation;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;

/**
 * IMTL-G (Liu et al. 2021): the combination d = Σα_k g_k with Σα = 1 whose projections on every unit
 * task direction u_k = g_k/‖g_k‖ are equal. With D = [g_1 − g_k] and U = [u_1 − u_k] (k = 2..K),
 * α_{2..K} = (g_1Uᵀ)(DUᵀ)⁻¹ and α_1 = 1 − Σα_{2..K}; everything is computed from the Gram matrix.
 * A singular DUᵀ gets 1e-8·I added, as in nash-mtl. A task with a zero gradient gets u_k = 0.
 *
 * <p>Scale: returns K·d and weights K·α (sum-of-losses scale: identical gradients give Σ_k g_k).
 */
public final class ImtlG implements GradientAggregator {
  public static final String NAME = "imtl-g";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Aggregation aggregate(Matrix taskGradients, double[] taskLosses, RandomGenerator rng) {
    GradientGeometry.validate(NAME, taskGradients, taskLosses);
    int k = taskGradients.rows();
    double[] alpha = weights(GradientGeometry.gram(taskGradients), k);
    for (int i = 0; i < k; i++) {
      alpha[i] *= k;
    }
    return new Aggregation(GradientGeometry.combine(taskGradients, alpha), alpha);
  }

  /** The IMTL-G weights α (Σα = 1) from the K×K Gram matrix. */
  public static double[] weights(double[] gram, int k) {
    double[] alpha = new double[k];
    if (k == 1) {
      alpha[0] = 1;
      return alpha;
    }
    double[] inverseNorm = new double[k];
    for (int i = 0; i < k; i++) {
      double n = Math.sqrt(Math.max(gram[i * k + i], 0));
      inverseNorm[i] = n > 0 ? 1 / n : 0;
    }
    int m = k - 1;
    // (D Uᵀ)_{ab} = (g_1 − g_a)·(u_1 − u_b), (g_1 Uᵀ)_b = g_1·(u_1 − u_b), with a, b = 2..K
    double[][] dut = new double[m][m];
    double[] g1ut = new double[m];
    for (int b = 1; b < k; b++) {
      g1ut[b - 1] = gram[0] * inverseNorm[0] - gram[b] * inverseNorm[b];
      for (int a = 1; a < k; a++) {
        dut[a - 1][b - 1] = gram[0] * inverseNorm[0] - gram[b] * inverseNorm[b]
            - gram[a * k] * inverseNorm[0] + gram[a * k + b] * inverseNorm[b];
      }
    }
    // row vector α solves α (DUᵀ) = g_1Uᵀ, i.e. (DUᵀ)ᵀ αᵀ = (g_1Uᵀ)ᵀ
    RealMatrix system = new Array2DRowRealMatrix(dut).transpose();
    LUDecomposition lu = new LUDecomposition(system, 1e-14);
    if (!lu.getSolver().isNonSingular()) {
      for (int i = 0; i < m; i++) {
        system.addToEntry(i, i, 1e-8);
      }
      lu = new LUDecomposition(system, 0);
    }
    double[] rest = lu.getSolver().solve(new ArrayRealVector(g1ut)).toArray();
    double sum = 0;
    for (int i = 0; i < m; i++) {
      alpha[i + 1] = rest[i];
      sum += rest[i];
    }
    alpha[0] = 1 - sum;
    return alpha;
  }

  @Override
  public void reset() {}
}
