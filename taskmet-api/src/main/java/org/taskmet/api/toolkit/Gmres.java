package org.taskmet.api.toolkit;

/**
 * Restarted GMRES for a matrix-free square operator (Saad &amp; Schultz 1986): modified Gram–Schmidt Arnoldi,
 * Givens rotations for the small least-squares problem. Used by the implicit backward pass, whose system
 * is not symmetric.
 */
final class Gmres {
  /** y = A x. */
  @FunctionalInterface
  interface Operator {
    void apply(double[] x, double[] out);
  }

  /**
   * @param solution x
   * @param iterations operator applications used
   * @param relativeResidual ‖b − A x‖ / ‖b‖ recomputed from x (0 when b = 0)
   */
  record Result(double[] solution, int iterations, double relativeResidual) {}

  private Gmres() {}

  static Result solve(Operator a, double[] b, int restart, int maxIterations, double tolerance) {
    int n = b.length;
    double[] x = new double[n];
    double bNorm = norm(b);
    if (bNorm == 0) {
      return new Result(x, 0, 0);
    }
    int m = Math.max(1, Math.min(restart, n));
    double[][] basis = new double[m + 1][n];
    double[][] hess = new double[m + 1][m];
    double[] cos = new double[m];
    double[] sin = new double[m];
    double[] g = new double[m + 1];
    double[] r = b.clone();
    double[] ax = new double[n];
    int used = 0;
    double beta = bNorm;
    while (beta > tolerance * bNorm && used < maxIterations) {
      java.util.Arrays.fill(g, 0);
      g[0] = beta;
      for (int i = 0; i < n; i++) {
        basis[0][i] = r[i] / beta;
      }
      int k = 0;
      while (k < m && used < maxIterations) {
        double[] w = basis[k + 1];
        a.apply(basis[k], w);
        used++;
        for (int i = 0; i <= k; i++) {
          double h = dot(w, basis[i]);
          hess[i][k] = h;
          for (int j = 0; j < n; j++) {
            w[j] -= h * basis[i][j];
          }
        }
        double sub = norm(w);
        hess[k + 1][k] = sub;
        for (int i = 0; i < k; i++) {
          double t = cos[i] * hess[i][k] + sin[i] * hess[i + 1][k];
          hess[i + 1][k] = -sin[i] * hess[i][k] + cos[i] * hess[i + 1][k];
          hess[i][k] = t;
        }
        double rho = Math.hypot(hess[k][k], sub);
        cos[k] = rho == 0 ? 1 : hess[k][k] / rho;
        sin[k] = rho == 0 ? 0 : sub / rho;
        hess[k][k] = rho;
        hess[k + 1][k] = 0;
        g[k + 1] = -sin[k] * g[k];
        g[k] = cos[k] * g[k];
        k++;
        if (sub == 0 || Math.abs(g[k]) <= tolerance * bNorm) {
          break; // the Krylov space is invariant, or the estimate says converged
        }
        for (int j = 0; j < n; j++) {
          w[j] /= sub;
        }
      }
      // back substitution for the k coefficients, then x += V y
      double[] y = new double[k];
      for (int i = k - 1; i >= 0; i--) {
        double s = g[i];
        for (int j = i + 1; j < k; j++) {
          s -= hess[i][j] * y[j];
        }
        y[i] = hess[i][i] == 0 ? 0 : s / hess[i][i];
      }
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < n; j++) {
          x[j] += y[i] * basis[i][j];
        }
      }
      a.apply(x, ax);
      for (int j = 0; j < n; j++) {
        r[j] = b[j] - ax[j];
      }
      double next = norm(r);
      if (!(next < beta)) {
        beta = next;
        break; // no progress over a whole cycle: the system is singular along the residual
      }
      beta = next;
    }
    return new Result(x, used, beta / bNorm);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}
