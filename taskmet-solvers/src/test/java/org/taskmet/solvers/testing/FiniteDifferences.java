package org.taskmet.solvers.testing;

import java.util.function.Function;
import org.taskmet.api.Matrix;

/**
 * Central finite differences for the solver tests (until the shared conformance kit exists): the VJP of a
 * map Matrix → double[] is checked against Σ_k g_k ∂z_k/∂p_ij estimated by (z(p + h e_ij) − z(p − h e_ij))/2h.
 */
public final class FiniteDifferences {
  private FiniteDifferences() {}

  /** gᵀ dz/dp as a matrix shaped like {@code p}, by central differences with step h. */
  public static Matrix vjp(Function<Matrix, double[]> f, Matrix p, double[] g, double h) {
    Matrix out = Matrix.zeros(p.rows(), p.cols());
    double[] d = p.data();
    for (int idx = 0; idx < d.length; idx++) {
      Matrix plus = p.copy();
      plus.data()[idx] += h;
      Matrix minus = p.copy();
      minus.data()[idx] -= h;
      double[] zp = f.apply(plus);
      double[] zm = f.apply(minus);
      double s = 0.0;
      for (int k = 0; k < g.length; k++) {
        s += g[k] * (zp[k] - zm[k]);
      }
      out.data()[idx] = s / (2 * h);
    }
    return out;
  }

  /** Gradient of a scalar function of a vector by central differences. */
  public static double[] gradient(Function<double[], Double> f, double[] x, double h) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] xp = x.clone();
      xp[i] += h;
      double[] xm = x.clone();
      xm[i] -= h;
      out[i] = (f.apply(xp) - f.apply(xm)) / (2 * h);
    }
    return out;
  }

  /** max_i |a_i − b_i| / max(1, max_i |b_i|). */
  public static double relativeError(double[] a, double[] b) {
    double diff = 0.0;
    double scale = 1.0;
    for (int i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
      scale = Math.max(scale, Math.abs(b[i]));
    }
    return diff / scale;
  }

  public static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  public static double[] random(java.util.random.RandomGenerator rng, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * rng.nextDouble();
    }
    return v;
  }
}
