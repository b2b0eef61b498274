package org.taskmet.api.toolkit;

import java.util.Arrays;

/**
 * A closed convex feasible set with its exact Euclidean projection and the projection's Jacobian, as
 * {@link ProjectedGradientSolver} needs them.
 *
 * <p>The factories cover the sets of common allocation problems; each is a box {l ≤ z ≤ u} with at most one
 * sum constraint, projected exactly in O(n log n) by a breakpoint search on the sum's multiplier. The
 * projection's Jacobian is then the orthogonal projector onto the coordinates strictly between their
 * bounds, minus their mean when the sum constraint is active; it is exact wherever the set of coordinates
 * at a bound does not change.
 */
public interface ConvexSet {
  /** Writes the Euclidean projection of {@code y} onto the set into {@code out} (length n; may alias y). */
  void project(double[] y, double[] out);

  /**
   * Writes J(y)·v into {@code out}, where J is the Jacobian of {@link #project} at {@code y}. J is symmetric,
   * so this is also the vector-Jacobian product.
   */
  void projectionJacobian(double[] y, double[] v, double[] out);

  /** The largest amount by which {@code z} violates a constraint of the set (0 when z lies in it). */
  double violation(double[] z);

  /** Throws {@link IllegalArgumentException} naming the set when it is empty or not of dimension n. */
  void requireDimension(int n);

  /** The box {lower ≤ z ≤ upper}; bounds may be infinite. */
  static ConvexSet box(double[] lower, double[] upper) {
    return new BoundedSumSet("box", lower, upper, BoundedSumSet.Sum.NONE, 0);
  }

  /** The box {lower ≤ z_i ≤ upper} with the same bounds for all n coordinates. */
  static ConvexSet box(int n, double lower, double upper) {
    return box(filled(n, lower), filled(n, upper));
  }

  /** The scaled probability simplex {z ≥ 0, Σz = total} in dimension n. */
  static ConvexSet simplex(int n, double total) {
    return new BoundedSumSet("simplex", filled(n, 0), filled(n, Double.POSITIVE_INFINITY), BoundedSumSet.Sum.EQUAL,
        total);
  }

  /** The capped simplex {0 ≤ z ≤ 1, Σz = k} in dimension n (choose k of n, relaxed). */
  static ConvexSet cappedSimplex(int n, double k) {
    return new BoundedSumSet("capped simplex", filled(n, 0), filled(n, 1), BoundedSumSet.Sum.EQUAL, k);
  }

  /** A budget with per-item caps: {0 ≤ z_i ≤ caps_i, Σz ≤ budget}. Caps may be infinite. */
  static ConvexSet budget(double budget, double[] caps) {
    return new BoundedSumSet("budget", filled(caps.length, 0), caps, BoundedSumSet.Sum.AT_MOST, budget);
  }

  /** The general form: {lower ≤ z ≤ upper, Σz = total}. */
  static ConvexSet boxWithSum(double[] lower, double[] upper, double total) {
    return new BoundedSumSet("box with sum", lower, upper, BoundedSumSet.Sum.EQUAL, total);
  }

  private static double[] filled(int n, double v) {
    if (n < 1) {
      throw new IllegalArgumentException("a feasible set needs dimension >= 1, got " + n);
    }
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }
}
