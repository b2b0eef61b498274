package org.taskmet.conformance.toolkit;

import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.toolkit.SmoothObjective;

/**
 * A test objective with diminishing returns: obj(z, Ŷ) = Σ_i ŷ_i·log(1 + z_i) − cost·z_i, strictly concave
 * for ŷ &gt; 0 and z &gt; −1, so its maximizer over a budget is unique and differentiable in Ŷ.
 */
public class LogUtility implements SmoothObjective {
  final double cost;

  LogUtility(double cost) {
    this.cost = cost;
  }

  @Override
  public int decisionSize(Instance instance) {
    return instance.items();
  }

  @Override
  public double value(double[] z, Matrix p, Instance instance) {
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      s += p.get(i, 0) * Math.log1p(z[i]) - cost * z[i];
    }
    return s;
  }

  @Override
  public void gradient(double[] z, Matrix p, Instance instance, double[] out) {
    for (int i = 0; i < z.length; i++) {
      out[i] = p.get(i, 0) / (1 + z[i]) - cost;
    }
  }

  @Override
  public void hessianVector(double[] z, Matrix p, Instance instance, double[] v, double[] out) {
    for (int i = 0; i < z.length; i++) {
      out[i] = -p.get(i, 0) / ((1 + z[i]) * (1 + z[i])) * v[i];
    }
  }

  @Override
  public Matrix mixedVjp(double[] z, Matrix p, Instance instance, double[] v) {
    Matrix out = Matrix.zeros(p.rows(), p.cols());
    for (int i = 0; i < z.length; i++) {
      out.set(i, 0, v[i] / (1 + z[i]));
    }
    return out;
  }

  /**
   * The maximizer over {0 ≤ z ≤ caps, Σz ≤ budget} by an independent route: z_i(λ) = clip(ŷ_i/(cost+λ) − 1,
   * 0, cap_i) is the maximizer of the Lagrangian, and λ ≥ 0 is found by bisection on Σz(λ) = budget.
   */
  double[] maximizeByDualBisection(double[] p, double[] caps, double budget) {
    double lo = 0;
    if (sum(at(p, caps, 0)) <= budget) {
      return at(p, caps, 0);
    }
    double hi = 1;
    while (sum(at(p, caps, hi)) > budget) {
      hi *= 2;
    }
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      if (sum(at(p, caps, mid)) > budget) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return at(p, caps, 0.5 * (lo + hi));
  }

  private double[] at(double[] p, double[] caps, double lambda) {
    double[] z = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      z[i] = Math.max(0, Math.min(caps[i], p[i] / (cost + lambda) - 1));
    }
    return z;
  }

  private static double sum(double[] z) {
    double s = 0;
    for (double v : z) {
      s += v;
    }
    return s;
  }
}
