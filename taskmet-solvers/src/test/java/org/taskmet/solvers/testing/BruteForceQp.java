package org.taskmet.solvers.testing;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Brute-force reference for small convex QPs min ½xᵀQx + cᵀx s.t. Ax = b, Gx ≤ h: enumerates every subset S of
 * inequality rows taken as active, solves the equality-constrained KKT system with Commons Math's LU, and keeps
 * the primal- and dual-feasible point with the lowest objective. Exponential in the number of rows: n ≤ 8 only.
 */
public final class BruteForceQp {
  private BruteForceQp() {}

  /** The minimizer, or null when no KKT point exists (infeasible). Q is n×n, A me×n, G mi×n row-major. */
  public static double[] solve(int n, double[] q, double[] c, int me, double[] a, double[] b, int mi, double[] g, double[] h) {
    double best = Double.POSITIVE_INFINITY;
    double[] bestX = null;
    for (int mask = 0; mask < (1 << mi); mask++) {
      int ma = Integer.bitCount(mask);
      if (ma + me > n) {
        continue;
      }
      int dim = n + me + ma;
      double[][] k = new double[dim][dim];
      double[] rhs = new double[dim];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          k[i][j] = q[i * n + j];
        }
        rhs[i] = -c[i];
      }
      for (int e = 0; e < me; e++) {
        for (int j = 0; j < n; j++) {
          k[n + e][j] = a[e * n + j];
          k[j][n + e] = a[e * n + j];
        }
        rhs[n + e] = b[e];
      }
      int[] rows = new int[ma];
      int r = 0;
      for (int i = 0; i < mi; i++) {
        if ((mask & (1 << i)) != 0) {
          rows[r] = i;
          for (int j = 0; j < n; j++) {
            k[n + me + r][j] = g[i * n + j];
            k[j][n + me + r] = g[i * n + j];
          }
          rhs[n + me + r] = h[i];
          r++;
        }
      }
      LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(k, false), 1e-12);
      if (!lu.getSolver().isNonSingular()) {
        continue;
      }
      RealVector sol = lu.getSolver().solve(new ArrayRealVector(rhs, false));
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = sol.getEntry(i);
      }
      boolean ok = true;
      for (int t = 0; t < ma && ok; t++) {
        ok = sol.getEntry(n + me + t) >= -1e-9; // multipliers of active rows are non-negative
      }
      for (int i = 0; i < mi && ok; i++) {
        double s = -h[i];
        for (int j = 0; j < n; j++) {
          s += g[i * n + j] * x[j];
        }
        ok = s <= 1e-9;
      }
      if (!ok) {
        continue;
      }
      double obj = 0;
      for (int i = 0; i < n; i++) {
        obj += c[i] * x[i];
        for (int j = 0; j < n; j++) {
          obj += 0.5 * x[i] * q[i * n + j] * x[j];
        }
      }
      if (obj < best) {
        best = obj;
        bestX = x;
      }
    }
    return bestX;
  }

  /** The box-and-budget rows 0 ≤ x ≤ 1 as G (2n×n) and h. */
  public static double[][] boxRows(int n) {
    double[] g = new double[2 * n * n];
    double[] h = new double[2 * n];
    for (int i = 0; i < n; i++) {
      g[i * n + i] = -1; // −x_i ≤ 0
      g[(n + i) * n + i] = 1; // x_i ≤ 1
      h[n + i] = 1;
    }
    return new double[][] {g, h};
  }
}
