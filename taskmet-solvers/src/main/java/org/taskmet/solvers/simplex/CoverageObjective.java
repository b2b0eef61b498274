package org.taskmet.solvers.simplex;

import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;

/**
 * The probabilistic coverage objective of budget allocation (Wilder et al. 2019; reference notes §2.3) as a
 * {@link SmoothObjective}: obj(z, Ŷ) = Σ_j (1 − Π_i (1 − z_i·Ŷ_ij)), items i = channels (decision coordinates,
 * n = items), columns j = users; Ŷ_ij is the predicted probability that channel i reaches user j (weights
 * w_j = 1). It is DR-submodular, not concave, so the ascent finds a local maximizer.
 *
 * <p>Products "excluding" coordinates are formed by direct multiplication (no division by 1 − z_iŶ_ij, which
 * may be 0; the gradient uses prefix and suffix products). Cost: gradient O(nm), Hessian O(n³m), mixed VJP
 * O(n³m): meant for the task's small n.
 */
public final class CoverageObjective implements SmoothObjective {
  @Override
  public int decisionSize(Instance instance) {
    return instance.items();
  }

  @Override
  public double value(double[] z, Matrix predictions, Instance instance) {
    int n = predictions.rows();
    int m = predictions.cols();
    double total = 0.0;
    for (int j = 0; j < m; j++) {
      double q = 1.0;
      for (int i = 0; i < n; i++) {
        q *= 1.0 - z[i] * predictions.get(i, j);
      }
      total += 1.0 - q;
    }
    return total;
  }

  @Override
  public void gradient(double[] z, Matrix predictions, Instance instance, double[] out) {
    int n = predictions.rows();
    int m = predictions.cols();
    double[] y = predictions.data();
    double[] suffix = new double[n + 1];
    java.util.Arrays.fill(out, 0, n, 0.0);
    // ∂obj/∂z_a = Σ_j Ŷ_aj Π_{i≠a}(1 − z_iŶ_ij), with Π_{i≠a} = prefix_a · suffix_{a+1}: O(nm)
    for (int j = 0; j < m; j++) {
      suffix[n] = 1.0;
      for (int i = n - 1; i >= 0; i--) {
        suffix[i] = suffix[i + 1] * (1.0 - z[i] * y[i * m + j]);
      }
      double prefix = 1.0;
      for (int a = 0; a < n; a++) {
        double ya = y[a * m + j];
        out[a] += ya * prefix * suffix[a + 1];
        prefix *= 1.0 - z[a] * ya;
      }
    }
  }

  @Override
  public void hessian(double[] z, Matrix predictions, Instance instance, double[] out) {
    int n = predictions.rows();
    int m = predictions.cols();
    for (int a = 0; a < n; a++) {
      out[a * n + a] = 0.0; // obj is affine in each single coordinate
      for (int b = a + 1; b < n; b++) {
        double s = 0.0;
        for (int j = 0; j < m; j++) {
          s -= predictions.get(a, j) * predictions.get(b, j) * productExcluding(z, predictions, j, a, b);
        }
        out[a * n + b] = s;
        out[b * n + a] = s;
      }
    }
  }

  @Override
  public Matrix mixedVjp(double[] z, Matrix predictions, Instance instance, double[] v) {
    int n = predictions.rows();
    int m = predictions.cols();
    Matrix out = Matrix.zeros(n, m);
    // ∂/∂Ŷ_cj Σ_a v_a Ŷ_aj Π_{i≠a}(1 − z_iŶ_ij) = v_c Π_{i≠c} − z_c Σ_{a≠c} v_a Ŷ_aj Π_{i≠a,c}
    for (int c = 0; c < n; c++) {
      for (int j = 0; j < m; j++) {
        double s = v[c] * productExcluding(z, predictions, j, c, -1);
        for (int a = 0; a < n; a++) {
          if (a != c) {
            s -= z[c] * v[a] * predictions.get(a, j) * productExcluding(z, predictions, j, a, c);
          }
        }
        out.set(c, j, s);
      }
    }
    return out;
  }

  /** Π_{i ∉ {skipA, skipB}} (1 − z_i Ŷ_ij). */
  private static double productExcluding(double[] z, Matrix y, int j, int skipA, int skipB) {
    double p = 1.0;
    for (int i = 0; i < z.length; i++) {
      if (i != skipA && i != skipB) {
        p *= 1.0 - z[i] * y.get(i, j);
      }
    }
    return p;
  }
}
