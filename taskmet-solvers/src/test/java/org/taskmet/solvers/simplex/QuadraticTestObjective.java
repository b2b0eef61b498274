package org.taskmet.solvers.simplex;

import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;

/** Test objective obj(z, ŷ) = ŷᵀz − ½ zᵀSz (concave for SPD S), predictions n×1. */
final class QuadraticTestObjective implements SmoothObjective {
  final double[] s;
  final int n;

  QuadraticTestObjective(double[] s, int n) {
    this.s = s;
    this.n = n;
  }

  @Override
  public int decisionSize(Instance instance) {
    return n;
  }

  @Override
  public double value(double[] z, Matrix p, Instance instance) {
    double v = 0;
    for (int i = 0; i < n; i++) {
      v += p.data()[i] * z[i];
      for (int j = 0; j < n; j++) {
        v -= 0.5 * z[i] * s[i * n + j] * z[j];
      }
    }
    return v;
  }

  @Override
  public void gradient(double[] z, Matrix p, Instance instance, double[] out) {
    for (int i = 0; i < n; i++) {
      double g = p.data()[i];
      for (int j = 0; j < n; j++) {
        g -= s[i * n + j] * z[j];
      }
      out[i] = g;
    }
  }

  @Override
  public void hessian(double[] z, Matrix p, Instance instance, double[] out) {
    for (int i = 0; i < n * n; i++) {
      out[i] = -s[i];
    }
  }

  @Override
  public Matrix mixedVjp(double[] z, Matrix p, Instance instance, double[] v) {
    return Matrix.column(v.clone());
  }
}
