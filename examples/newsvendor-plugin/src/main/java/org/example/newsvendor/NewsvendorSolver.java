package org.example.newsvendor;

import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solver;
import org.taskmet.api.toolkit.ConvexSet;
import org.taskmet.api.toolkit.ProjectedGradientSolver;
import org.taskmet.api.toolkit.SmoothObjective;

/**
 * Order quantities z (stores × products, flattened) maximizing the expected profit
 * Σ price·E[min(z, D)] − cost·z when demand D is logistic around the prediction with scale s, under a shared
 * budget Σz ≤ B and per-item caps. E[min(z, D)] = z − s·softplus((z − ŷ)/s), so the objective is smooth and
 * strictly concave, and the toolkit gives the solver and its exact backward pass.
 */
final class NewsvendorSolver {
  private NewsvendorSolver() {}

  static Solver create(String name, double price, double cost, double scale, double budget, double cap) {
    if (!(cost > 0 && cost < price && scale > 0)) {
      throw new IllegalArgumentException(name + ": need 0 < cost < price and smoothing > 0, got cost " + cost
          + ", price " + price + ", smoothing " + scale);
    }
    SmoothObjective profit = new SmoothObjective() {
      public int decisionSize(Instance in) {
        return in.targets().rows() * in.targets().cols();
      }

      public double value(double[] z, Matrix p, Instance in) {
        double v = 0;
        for (int i = 0; i < z.length; i++) {
          double t = (z[i] - p.data()[i]) / scale;
          v += price * (z[i] - scale * (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)))) - cost * z[i];
        }
        return v;
      }

      public void gradient(double[] z, Matrix p, Instance in, double[] out) {
        for (int i = 0; i < z.length; i++) {
          out[i] = price * (1 - sigmoid((z[i] - p.data()[i]) / scale)) - cost;
        }
      }

      public void hessianVector(double[] z, Matrix p, Instance in, double[] v, double[] out) {
        for (int i = 0; i < z.length; i++) {
          out[i] = -curvature(z[i], p.data()[i]) * v[i];
        }
      }

      public Matrix mixedVjp(double[] z, Matrix p, Instance in, double[] v) {
        double[] g = new double[z.length];
        for (int i = 0; i < z.length; i++) {
          g[i] = curvature(z[i], p.data()[i]) * v[i];
        }
        return new Matrix(p.rows(), p.cols(), g);
      }

      private double curvature(double z, double yHat) {
        double s = sigmoid((z - yHat) / scale);
        return price * s * (1 - s) / scale;
      }
    };
    return new ProjectedGradientSolver(name, profit,
        in -> ConvexSet.budget(budget, filled(in.targets().rows() * in.targets().cols(), cap)));
  }

  static double sigmoid(double t) {
    return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
