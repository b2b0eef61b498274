package org.taskmet.api.toolkit;

import java.util.Arrays;

/**
 * {lower ≤ z ≤ upper} with no sum constraint, Σz = total, or Σz ≤ total: every set of {@link ConvexSet}'s
 * factories.
 *
 * <p>Projection: with a sum constraint active, z_i = clip(y_i − τ, l_i, u_i) where τ solves
 * h(τ) = Σ clip(y_i − τ, l_i, u_i) = total. h is continuous, piecewise linear and non-increasing, with a
 * breakpoint where a coordinate leaves its upper bound (τ = y_i − u_i, slope −1) and one where it reaches its
 * lower bound (τ = y_i − l_i, slope +1); the breakpoints are sorted and swept keeping h and its slope, and τ
 * is interpolated inside the piece where h crosses the total: O(n log n), exact up to rounding.
 */
final class BoundedSumSet implements ConvexSet {
  enum Sum {
    NONE,
    EQUAL,
    AT_MOST
  }

  private final String kind;
  private final double[] lower;
  private final double[] upper;
  private final Sum sum;
  private final double total;

  BoundedSumSet(String kind, double[] lower, double[] upper, Sum sum, double total) {
    this.kind = kind;
    if (lower.length != upper.length || lower.length < 1) {
      throw new IllegalArgumentException(kind + ": lower and upper bounds need the same length >= 1, got "
          + lower.length + " and " + upper.length);
    }
    this.lower = lower.clone();
    this.upper = upper.clone();
    this.sum = sum;
    this.total = total;
    double lowSum = 0;
    double highSum = 0;
    for (int i = 0; i < lower.length; i++) {
      if (Double.isNaN(lower[i]) || Double.isNaN(upper[i]) || lower[i] == Double.POSITIVE_INFINITY
          || upper[i] == Double.NEGATIVE_INFINITY || lower[i] > upper[i]) {
        throw new IllegalArgumentException(kind + ": bounds of item " + i + " must satisfy lower <= upper with "
            + "lower < +inf and upper > -inf, got [" + lower[i] + ", " + upper[i] + "]");
      }
      lowSum += lower[i];
      highSum += upper[i];
    }
    if (sum != Sum.NONE) {
      double slack = 1e-12 * Math.max(1, Math.abs(total));
      if (!Double.isFinite(total) || lowSum > total + slack || (sum == Sum.EQUAL && highSum < total - slack)) {
        throw new IllegalArgumentException(kind + ": total " + total + " is infeasible; the bounds allow sums in ["
            + lowSum + ", " + highSum + "]" + (sum == Sum.AT_MOST ? " and the budget must be >= " + lowSum : ""));
      }
    }
  }

  @Override
  public void requireDimension(int n) {
    if (n != lower.length) {
      throw new IllegalArgumentException(kind + " set has dimension " + lower.length + ", the decision has " + n);
    }
  }

  @Override
  public void project(double[] y, double[] out) {
    requireDimension(y.length);
    double tau = threshold(y);
    for (int i = 0; i < y.length; i++) {
      out[i] = clip(y[i] - tau, i);
    }
  }

  @Override
  public void projectionJacobian(double[] y, double[] v, double[] out) {
    requireDimension(y.length);
    double tau = threshold(y);
    boolean sumActive = sum == Sum.EQUAL || (sum == Sum.AT_MOST && tau > 0);
    double mean = 0;
    int free = 0;
    for (int i = 0; i < y.length; i++) {
      double t = y[i] - tau;
      if (t > lower[i] && t < upper[i]) {
        mean += v[i];
        free++;
      }
    }
    mean = sumActive && free > 0 ? mean / free : 0;
    for (int i = 0; i < y.length; i++) {
      double t = y[i] - tau;
      out[i] = t > lower[i] && t < upper[i] ? v[i] - mean : 0;
    }
  }

  @Override
  public double violation(double[] z) {
    requireDimension(z.length);
    double worst = 0;
    double s = 0;
    for (int i = 0; i < z.length; i++) {
      worst = Math.max(worst, Math.max(lower[i] - z[i], z[i] - upper[i]));
      s += z[i];
    }
    if (sum == Sum.EQUAL) {
      worst = Math.max(worst, Math.abs(s - total));
    } else if (sum == Sum.AT_MOST) {
      worst = Math.max(worst, s - total);
    }
    return Double.isNaN(worst) ? Double.POSITIVE_INFINITY : worst;
  }

  @Override
  public String toString() {
    return kind + switch (sum) {
      case NONE -> "";
      case EQUAL -> " (sum = " + total + ")";
      case AT_MOST -> " (sum <= " + total + ")";
    };
  }

  private double clip(double t, int i) {
    return t <= lower[i] ? lower[i] : (t >= upper[i] ? upper[i] : t);
  }

  /** The shift τ of the projection (0 when no sum constraint is active). */
  private double threshold(double[] y) {
    for (int i = 0; i < y.length; i++) {
      if (!Double.isFinite(y[i])) {
        throw new IllegalArgumentException(this + ": cannot project a point with y[" + i + "] = " + y[i]);
      }
    }
    if (sum == Sum.NONE) {
      return 0;
    }
    if (sum == Sum.AT_MOST && h(y, 0) <= total) {
      return 0;
    }
    return solveForTotal(y);
  }

  private double h(double[] y, double tau) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += clip(y[i] - tau, i);
    }
    return s;
  }

  private double solveForTotal(double[] y) {
    int n = y.length;
    // where coordinates leave their upper bound (slope -1) and reach their lower bound (slope +1), each sorted
    double[] leave = new double[n];
    double[] reach = new double[n];
    int leaves = 0;
    int reaches = 0;
    int slope = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(upper[i])) {
        leave[leaves++] = y[i] - upper[i];
      } else {
        slope--; // left of every breakpoint this coordinate is already free
      }
      if (Double.isFinite(lower[i])) {
        reach[reaches++] = y[i] - lower[i];
      }
    }
    if (leaves + reaches == 0) {
      double s = 0;
      for (double v : y) {
        s += v;
      }
      return (s - total) / n;
    }
    Arrays.sort(leave, 0, leaves);
    Arrays.sort(reach, 0, reaches);
    double cur = leaves > 0 && (reaches == 0 || leave[0] <= reach[0]) ? leave[0] : reach[0];
    double h = h(y, cur);
    if (h <= total) {
      // the total is reached left of every breakpoint (or exactly at the first one)
      return slope == 0 || h == total ? cur : cur + (total - h) / slope;
    }
    int a = 0;
    int b = 0;
    while (a < leaves || b < reaches) {
      boolean leaving = a < leaves && (b == reaches || leave[a] <= reach[b]);
      double t = leaving ? leave[a++] : reach[b++];
      double next = h + slope * (t - cur);
      if (next <= total) {
        return cur + (total - h) / slope; // slope < 0 here because h > total >= next
      }
      h = next;
      cur = t;
      slope += leaving ? -1 : +1;
    }
    // right of every breakpoint: only coordinates without a lower bound still move
    return slope == 0 ? cur : cur + (total - h) / slope;
  }
}
