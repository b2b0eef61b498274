package org.taskmet.solvers.qp;

import java.util.Arrays;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;
import org.taskmet.solvers.linalg.DenseCholesky;

/**
 * Primal-dual active-set method (semismooth Newton, Hintermüller–Ito–Kunisch 2002) for strictly convex QPs on
 * the probability simplex, min ½xᵀQx + cᵀx s.t. x ≥ 0, Σx = 1, with Q symmetric positive definite.
 *
 * <p>Each iteration fixes x = 0 on the active set 𝒜 and solves the equality-constrained problem on the free
 * set ℱ by one Cholesky factorization of Q_ℱℱ: x_ℱ = Q_ℱℱ⁻¹(−c_ℱ − ν1) with ν chosen so Σx_ℱ = 1; the bound
 * multipliers are μ = Qx + c + ν1 on 𝒜. The next active set is {i ∈ ℱ : x_i &lt; 0} ∪ {i ∈ 𝒜 : μ_i &gt; 0}; the
 * method stops when it repeats, which certifies optimality (x ≥ 0, μ ≥ 0, complementarity). It typically
 * needs a handful of factorizations instead of an interior-point method's 10–20, and with a warm start
 * from a nearby problem's active set often just one. Convergence is not guaranteed for every Q, so
 * {@link #solve} returns null after {@code maxIterations} (or on a non-positive-definite Q_ℱℱ) and callers
 * fall back to {@link InteriorPointQp}.
 */
final class SimplexActiveSetQp {
  private static final double FEASIBILITY_TOLERANCE = 1e-12;

  /** The solution with the factor of Q_ℱℱ kept for the backward. */
  record Result(QpResult qp, int[] free, double[] factor) {}

  private final int maxIterations;
  private final DenseKernels kernels = Kernels.get();
  /** The n²-sized factor and scratch, reused across solves (per thread: solvers run on LODL's fit threads). */
  private final ThreadLocal<double[][]> workspace = new ThreadLocal<>();

  SimplexActiveSetQp(int maxIterations) {
    this.maxIterations = maxIterations;
  }

  /**
   * @param warmActive the previous active set (true = at 0), or null for a cold start from 𝒜 = ∅
   * @return the solution, or null when the method did not settle (use the interior-point solver instead)
   */
  Result solve(int n, double[] q, double[] c, boolean[] warmActive) {
    boolean[] active = warmActive != null && warmActive.length == n ? warmActive.clone() : new boolean[n];
    int[] free = new int[n];
    double[][] work = workspace(n);
    double[] factor = work[0];
    double[] scratch = work[1];
    double[] x = new double[n];
    double[] mu = new double[n];
    double[] rhsC = new double[n];
    double[] rhsOne = new double[n];
    int[] previousFree = new int[n];
    int previousCount = -1; // no factor yet
    double[] update = new double[n];
    for (int it = 1; it <= maxIterations; it++) {
      int nf = 0;
      for (int i = 0; i < n; i++) {
        if (!active[i]) {
          free[nf++] = i;
        }
      }
      if (nf == 0) {
        return null; // the empty free set cannot satisfy Σx = 1; let the interior point decide
      }
      int removed = previousCount - nf;
      if (previousCount >= 0 && isSubset(free, nf, previousFree, previousCount)
          && 9.0 * removed * previousCount * previousCount < (double) nf * nf * nf) {
        // a few coordinates left the free set: O(m²) downdates are cheaper than an O(m³/3) refactorization
        int count = previousCount;
        for (int pos = previousCount - 1; pos >= 0; pos--) {
          if (active[previousFree[pos]]) {
            deleteRowAndColumn(factor, count, pos, scratch, update);
            count--;
          }
        }
      } else {
        for (int a = 0; a < nf; a++) {
          int ro = free[a] * n;
          for (int b = 0; b <= a; b++) {
            factor[a * nf + b] = q[ro + free[b]];
          }
        }
        if (!DenseCholesky.factor(factor, nf)) {
          return null;
        }
      }
      System.arraycopy(free, 0, previousFree, 0, nf);
      previousCount = nf;
      for (int a = 0; a < nf; a++) {
        rhsC[a] = -c[free[a]];
        rhsOne[a] = 1.0;
      }
      DenseCholesky.solve(factor, nf, rhsC, 0);
      DenseCholesky.solve(factor, nf, rhsOne, 0);
      // x_ℱ = Q⁻¹(−c) − ν Q⁻¹1 with Σ x_ℱ = 1
      double sumC = 0.0;
      double sumOne = 0.0;
      for (int a = 0; a < nf; a++) {
        sumC += rhsC[a];
        sumOne += rhsOne[a];
      }
      double nu = (sumC - 1.0) / sumOne;
      Arrays.fill(x, 0.0);
      for (int a = 0; a < nf; a++) {
        x[free[a]] = rhsC[a] - nu * rhsOne[a];
      }
      // μ = Qx + c + ν1 (0 on ℱ up to rounding)
      kernels.gemv(n, n, 1.0, q, 0, x, 0, 0.0, mu, 0);
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        mu[i] = active[i] ? mu[i] + c[i] + nu : 0.0;
        boolean next = active[i] ? mu[i] > 0.0 : x[i] < 0.0;
        changed |= next != active[i];
        active[i] = next;
      }
      if (!changed) {
        double residual = 0.0;
        for (int i = 0; i < n; i++) {
          residual = Math.max(residual, Math.max(-x[i], -mu[i]));
        }
        if (residual > FEASIBILITY_TOLERANCE * (1 + InteriorPointQp.maxAbs(c))) {
          return null;
        }
        double[] slacks = x.clone();
        QpResult qp = new QpResult(x, new double[] {nu}, new double[0], mu, new double[n], slacks, it,
            Math.max(0.0, residual));
        return new Result(qp, Arrays.copyOf(free, nf), Arrays.copyOf(factor, nf * nf));
      }
    }
    return null;
  }

  private double[][] workspace(int n) {
    double[][] w = workspace.get();
    if (w == null || w[0].length < n * n) {
      w = new double[][] {new double[n * n], new double[n * n]};
      workspace.set(w);
    }
    return w;
  }

  /** True when the sorted {@code sub[0..ns)} is contained in the sorted {@code sup[0..np)}. */
  private static boolean isSubset(int[] sub, int ns, int[] sup, int np) {
    int j = 0;
    for (int i = 0; i < ns; i++) {
      while (j < np && sup[j] < sub[i]) {
        j++;
      }
      if (j == np || sup[j] != sub[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Removes row and column k from the matrix whose Cholesky factor (m × m, packed row-major, lower) is in
   * {@code l}, leaving the factor of the (m−1) × (m−1) matrix packed in {@code l}: with
   * L = [[L11, 0, 0], [l21ᵀ, l22, 0], [L31, l32, L33]] the new factor is [[L11, 0], [L31, L33']] where
   * L33'L33'ᵀ = L33L33ᵀ + l32l32ᵀ, a rank-one update done with Givens-like rotations. O(m²).
   */
  static void deleteRowAndColumn(double[] l, int m, int k, double[] scratch, double[] x) {
    int nm = m - 1;
    for (int i = 0, ni = 0; i < m; i++) {
      if (i == k) {
        continue;
      }
      for (int j = 0, nj = 0; j <= i; j++) {
        if (j == k) {
          continue;
        }
        scratch[ni * nm + nj] = l[i * m + j];
        nj++;
      }
      ni++;
    }
    for (int i = k + 1; i < m; i++) {
      x[i - 1] = l[i * m + k];
    }
    System.arraycopy(scratch, 0, l, 0, nm * nm);
    for (int t = k; t < nm; t++) {
      double ltt = l[t * nm + t];
      double r = Math.hypot(ltt, x[t]);
      double cos = r / ltt;
      double sin = x[t] / ltt;
      l[t * nm + t] = r;
      for (int i = t + 1; i < nm; i++) {
        double v = (l[i * nm + t] + sin * x[i]) / cos;
        x[i] = cos * x[i] - sin * v;
        l[i * nm + t] = v;
      }
    }
  }

  /** dL/dc for dL/dx = g at a result of {@link #solve}: u_ℱ = Q_ℱℱ⁻¹(g_ℱ − v1) with Σu_ℱ = 0, dL/dc = −u. */
  static double[] backward(Result r, int n, double[] g) {
    int nf = r.free().length;
    double[] qg = new double[nf];
    double[] qOne = new double[nf];
    for (int a = 0; a < nf; a++) {
      qg[a] = g[r.free()[a]];
      qOne[a] = 1.0;
    }
    DenseCholesky.solve(r.factor(), nf, qg, 0);
    DenseCholesky.solve(r.factor(), nf, qOne, 0);
    double sg = 0.0;
    double s1 = 0.0;
    for (int a = 0; a < nf; a++) {
      sg += qg[a];
      s1 += qOne[a];
    }
    double v = sg / s1;
    double[] dc = new double[n];
    for (int a = 0; a < nf; a++) {
      dc[r.free()[a]] = -(qg[a] - v * qOne[a]);
    }
    return dc;
  }
}
