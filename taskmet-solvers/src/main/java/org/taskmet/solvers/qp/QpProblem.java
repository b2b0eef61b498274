package org.taskmet.solvers.qp;

/**
 * A dense convex quadratic program in minimization form
 * <pre>
 *   min ½ xᵀQx + cᵀx   s.t.   A x = b,   G x ≤ h,   lower ≤ x ≤ upper
 * </pre>
 * All matrices are row-major: Q n×n (symmetric positive semidefinite), A me×n, G mi×n. Bounds are kept
 * apart from G because they are the common case (portfolio, capped simplex) and cost O(n) instead of O(n²)
 * per interior-point iteration; an entry of {@code lower}/{@code upper} may be ∓∞ (no bound), and either
 * array may be null (no bounds on that side). Arrays are not copied; do not modify them while solving.
 *
 * <p>taskmet decisions maximize; a decision "max pᵀx − ½xᵀQx" is this problem with c = −p.
 */
public record QpProblem(
    int n, double[] q, double[] c, int me, double[] a, double[] b, int mi, double[] g, double[] h, double[] lower,
    double[] upper) {
  public QpProblem {
    if (n < 1) {
      throw new IllegalArgumentException("qp: n must be >= 1, got " + n);
    }
    requireLength("Q", q, (long) n * n);
    requireLength("c", c, n);
    if (me < 0 || mi < 0) {
      throw new IllegalArgumentException("qp: constraint counts must be >= 0, got me=" + me + ", mi=" + mi);
    }
    if (me > 0) {
      requireLength("A", a, (long) me * n);
      requireLength("b", b, me);
    }
    if (mi > 0) {
      requireLength("G", g, (long) mi * n);
      requireLength("h", h, mi);
    }
    requireFinite("Q", q);
    requireFinite("c", c);
    if (me > 0) {
      requireFinite("A", a);
      requireFinite("b", b);
    }
    if (mi > 0) {
      requireFinite("G", g);
      requireFinite("h", h);
    }
    for (int i = 0; i < n; i++) {
      double lo = lower == null ? Double.NEGATIVE_INFINITY : lower[i];
      double up = upper == null ? Double.POSITIVE_INFINITY : upper[i];
      if (Double.isNaN(lo) || Double.isNaN(up) || lo == Double.POSITIVE_INFINITY || up == Double.NEGATIVE_INFINITY) {
        throw new IllegalArgumentException("qp: bounds of x[" + i + "] are [" + lo + ", " + up + "], expected a non-empty interval");
      }
      if (lo > up) {
        throw new IllegalArgumentException("qp: infeasible bounds for x[" + i + "]: lower " + lo + " > upper " + up);
      }
    }
    if (lower != null && lower.length != n || upper != null && upper.length != n) {
      throw new IllegalArgumentException("qp: bound arrays must have length n=" + n);
    }
  }

  /** An unconstrained-by-G problem with only equalities and bounds. */
  public static QpProblem withBounds(int n, double[] q, double[] c, int me, double[] a, double[] b, double[] lower,
      double[] upper) {
    return new QpProblem(n, q, c, me, a, b, 0, null, null, lower, upper);
  }

  /** The same problem with another linear term (shares every other array). */
  public QpProblem withLinearTerm(double[] newC) {
    return new QpProblem(n, q, newC, me, a, b, mi, g, h, lower, upper);
  }

  private static void requireLength(String what, double[] v, long expected) {
    if (v == null || v.length != expected) {
      throw new IllegalArgumentException("qp: " + what + " must have " + expected + " values, got "
          + (v == null ? "null" : String.valueOf(v.length)));
    }
  }

  private static void requireFinite(String what, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException("qp: " + what + "[" + i + "] is " + v[i] + ", expected finite");
      }
    }
  }

  @Override
  public String toString() {
    return "QpProblem[n=" + n + ", me=" + me + ", mi=" + mi + ", bounds=" + (lower != null || upper != null) + "]";
  }
}
