package org.taskmet.solvers.simplex;

import java.util.Arrays;

/**
 * Exact Euclidean projection onto the capped simplex C_k = {z : 0 ≤ z ≤ 1, Σ z = k}, and its VJP.
 *
 * <p>The projection is z_i = clip(y_i − τ, 0, 1) with the threshold τ solving h(τ) = Σ clip(y_i − τ, 0, 1) = k.
 * h is piecewise linear and non-increasing with breakpoints {y_i − 1, y_i}; {@link #project} sorts them
 * and sweeps them left to right keeping h and its slope, then interpolates linearly inside the piece
 * where h crosses k (breakpoint search, Karimi et al. 2017, Alg. 2): O(n log n).
 *
 * <p>An instance holds the sort buffers for vectors up to its capacity (it grows them on demand); it is
 * not thread-safe. Use one per thread.
 */
public final class CappedSimplexProjection {
  private double[] lowerBreaks = new double[0];
  private double[] upperBreaks = new double[0];

  /**
   * Writes the projection of {@code y} onto C_k into {@code out} (may alias {@code y}) and returns τ.
   *
   * @throws IllegalArgumentException when k is outside [0, n] (the set is empty) or y is not finite
   */
  public double project(double[] y, double k, double[] out) {
    int n = y.length;
    if (!(k >= 0 && k <= n)) {
      throw new IllegalArgumentException(
          "capped-simplex projection: budget k=" + k + " must lie in [0, n=" + n + "] for {0<=z<=1, sum z=k} to be non-empty");
    }
    if (lowerBreaks.length < n) {
      lowerBreaks = new double[n];
      upperBreaks = new double[n];
    }
    for (int i = 0; i < n; i++) {
      double v = y[i];
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("capped-simplex projection: y[" + i + "]=" + v + " is not finite");
      }
      lowerBreaks[i] = v - 1.0; // coordinate i leaves the upper bound here (h starts to decrease)
      upperBreaks[i] = v; // and reaches the lower bound here
    }
    Arrays.sort(lowerBreaks, 0, n);
    Arrays.sort(upperBreaks, 0, n);
    double tau = threshold(n, k);
    for (int i = 0; i < n; i++) {
      double v = y[i] - tau;
      out[i] = v <= 0.0 ? 0.0 : (v >= 1.0 ? 1.0 : v);
    }
    return tau;
  }

  private double threshold(int n, double k) {
    if (n == 0) {
      return 0.0;
    }
    // left of every breakpoint h = n with slope 0; sweep the merged breakpoints
    double h = n;
    double slope = 0.0;
    double prev = lowerBreaks[0];
    if (k >= n) {
      return prev;
    }
    int a = 0;
    int b = 0;
    while (b < n) {
      boolean lowerNext = a < n && lowerBreaks[a] <= upperBreaks[b];
      double t = lowerNext ? lowerBreaks[a] : upperBreaks[b];
      double hNext = h + slope * (t - prev);
      if (hNext <= k) {
        // h crosses k inside [prev, t]; slope < 0 here because h > k >= hNext
        return prev + (h - k) / (-slope);
      }
      h = hNext;
      prev = t;
      if (lowerNext) {
        slope -= 1.0;
        a++;
      } else {
        slope += 1.0;
        b++;
      }
    }
    return prev; // k == 0: at or right of the last breakpoint every coordinate is 0
  }

  /** A convenience that allocates: the projection of {@code y} onto C_k. */
  public static double[] projectOnto(double[] y, double k) {
    double[] out = new double[y.length];
    new CappedSimplexProjection().project(y, k, out);
    return out;
  }

  /**
   * The VJP of the projection at its output {@code z}: with F the fractional coordinates
   * (tol &lt; z_i &lt; 1 − tol) the Jacobian is I_F − 11ᵀ/|F| on F and 0 elsewhere, so
   * out_i = g_i − mean_F(g) on F and 0 off F. (Exact wherever the active set is locally constant.)
   */
  public static void vjp(double[] z, double[] g, double tol, double[] out) {
    int n = z.length;
    double sum = 0.0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (z[i] > tol && z[i] < 1.0 - tol) {
        sum += g[i];
        count++;
      }
    }
    double mean = count == 0 ? 0.0 : sum / count;
    for (int i = 0; i < n; i++) {
      out[i] = (z[i] > tol && z[i] < 1.0 - tol) ? g[i] - mean : 0.0;
    }
  }
}
