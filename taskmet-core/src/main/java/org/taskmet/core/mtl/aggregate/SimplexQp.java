package org.taskmet.core.mtl.aggregate;

/**
 * Small convex problems over the probability simplex Δ_K = {w ≥ 0, Σw = 1} used by MGDA and CAGrad:
 * Euclidean projection onto Δ_K and accelerated projected gradient for min ½wᵀAw + bᵀw.
 */
public final class SimplexQp {
  private SimplexQp() {}

  /** Euclidean projection of v onto the simplex (sort-based, exact). Returns a new array. */
  public static double[] project(double[] v) {
    int k = v.length;
    double[] u = v.clone();
    java.util.Arrays.sort(u);
    double cumulative = 0;
    double theta = 0;
    for (int i = k - 1; i >= 0; i--) {
      cumulative += u[i];
      double t = (cumulative - 1.0) / (k - i);
      if (i == 0 || u[i - 1] <= t) {
        theta = t;
        break;
      }
    }
    double[] w = new double[k];
    for (int i = 0; i < k; i++) {
      w[i] = Math.max(v[i] - theta, 0.0);
    }
    return w;
  }

  /**
   * Minimises ½wᵀAw + bᵀw over Δ_K (A symmetric PSD, K×K row-major) by FISTA with step 1/trace(A) and
   * restarts, from {@code start}. Stops when an iterate moves less than {@code tolerance} (max-norm).
   */
  public static double[] minimizeQuadratic(double[] a, double[] b, double[] start, int maxIterations,
      double tolerance) {
    int k = b.length;
    double trace = 0;
    for (int i = 0; i < k; i++) {
      trace += a[i * k + i];
    }
    double[] w = project(start);
    if (trace <= 0) {
      return w; // A = 0: any point is optimal for the quadratic part; b is handled by the caller's choice
    }
    double step = 1.0 / trace;
    double[] y = w.clone();
    double t = 1;
    double previousValue = Double.POSITIVE_INFINITY;
    for (int it = 0; it < maxIterations; it++) {
      double[] grad = GradientGeometry.times(a, y);
      double[] trial = new double[k];
      for (int i = 0; i < k; i++) {
        trial[i] = y[i] - step * (grad[i] + b[i]);
      }
      double[] next = project(trial);
      double value = 0.5 * GradientGeometry.quadraticForm(a, next) + dot(b, next);
      double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
      double move = 0;
      for (int i = 0; i < k; i++) {
        move = Math.max(move, Math.abs(next[i] - w[i]));
      }
      if (value > previousValue) { // adaptive restart keeps FISTA monotone
        t = 1;
        y = w.clone();
        continue;
      }
      for (int i = 0; i < k; i++) {
        y[i] = next[i] + (t - 1) / tNext * (next[i] - w[i]);
      }
      w = next;
      t = tNext;
      previousValue = value;
      if (move < tolerance) {
        break;
      }
    }
    return w;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
