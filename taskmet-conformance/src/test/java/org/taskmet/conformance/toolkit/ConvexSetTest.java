package org.taskmet.conformance.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.toolkit.ConvexSet;
import org.taskmet.conformance.FiniteDifferenceCheck;

/** Every projection against brute force over active sets, and its Jacobian against finite differences. */
class ConvexSetTest {
  static final double INF = Double.POSITIVE_INFINITY;

  /**
   * The Euclidean projection onto {l ≤ z ≤ u, Σz = s} (sumMode 1), {Σz ≤ s} (2) or no sum (0) by brute force:
   * every assignment of each coordinate to lower / upper / free, with the sum multiplier solved from the sum
   * when it is active, keeping the nearest feasible candidate. The projection satisfies the KKT conditions of
   * one of these assignments, so it is the nearest feasible candidate.
   */
  static double[] bruteForce(double[] y, double[] l, double[] u, int sumMode, double s) {
    int n = y.length;
    int combos = (int) Math.pow(3, n);
    double[] best = null;
    double bestDist = INF;
    for (int c = 0; c < combos; c++) {
      for (int active = 0; active < (sumMode == 0 ? 1 : 2); active++) {
        int[] state = new int[n];
        int code = c;
        for (int i = 0; i < n; i++) {
          state[i] = code % 3;
          code /= 3;
        }
        double fixed = 0;
        double freeSum = 0;
        int free = 0;
        boolean finite = true;
        for (int i = 0; i < n; i++) {
          double b = state[i] == 0 ? l[i] : state[i] == 1 ? u[i] : 0;
          if (state[i] < 2) {
            finite &= Double.isFinite(b);
            fixed += b;
          } else {
            freeSum += y[i];
            free++;
          }
        }
        if (!finite) {
          continue;
        }
        double tau = 0;
        if (active == 1) {
          if (free == 0) {
            continue;
          }
          tau = (freeSum + fixed - s) / free;
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
          z[i] = state[i] == 0 ? l[i] : state[i] == 1 ? u[i] : y[i] - tau;
        }
        if (!feasible(z, l, u, sumMode, s)) {
          continue;
        }
        double d = 0;
        for (int i = 0; i < n; i++) {
          d += (z[i] - y[i]) * (z[i] - y[i]);
        }
        if (d < bestDist) {
          bestDist = d;
          best = z;
        }
      }
    }
    return best;
  }

  static boolean feasible(double[] z, double[] l, double[] u, int sumMode, double s) {
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      if (z[i] < l[i] - 1e-9 || z[i] > u[i] + 1e-9) {
        return false;
      }
      sum += z[i];
    }
    return sumMode == 0 || (sumMode == 1 ? Math.abs(sum - s) <= 1e-9 : sum <= s + 1e-9);
  }

  static double[] randomVector(SplittableRandom rng, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * rng.nextDouble();
    }
    return v;
  }

  static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  private void againstBruteForce(ConvexSet set, double[] l, double[] u, int sumMode, double s, SplittableRandom rng) {
    for (int trial = 0; trial < 200; trial++) {
      double[] y = randomVector(rng, l.length, -3, 3);
      double[] z = new double[y.length];
      set.project(y, z);
      assertThat(z).as("%s at %s", set, Arrays.toString(y)).containsExactly(bruteForce(y, l, u, sumMode, s),
          org.assertj.core.data.Offset.offset(1e-10));
      assertThat(set.violation(z)).isLessThanOrEqualTo(1e-12);
    }
  }

  @Test
  void everySetProjectsAsBruteForceDoes() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 5;
    againstBruteForce(ConvexSet.box(n, -0.5, 1), filled(n, -0.5), filled(n, 1), 0, 0, rng);
    againstBruteForce(ConvexSet.simplex(n, 2), filled(n, 0), filled(n, INF), 1, 2, rng);
    againstBruteForce(ConvexSet.cappedSimplex(n, 2), filled(n, 0), filled(n, 1), 1, 2, rng);
    double[] caps = {0.5, 1, 2, INF, 0.25};
    againstBruteForce(ConvexSet.budget(1.5, caps), filled(n, 0), caps, 2, 1.5, rng);
    againstBruteForce(ConvexSet.budget(6, caps), filled(n, 0), caps, 2, 6, rng); // often inactive
    double[] lo = {-1, Double.NEGATIVE_INFINITY, 0, -2, 0};
    double[] hi = {1, 0.5, INF, 2, 0.1};
    againstBruteForce(ConvexSet.boxWithSum(lo, hi, 0.3), lo, hi, 1, 0.3, rng);
  }

  @Test
  void theJacobianMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(12);
    FiniteDifferenceCheck fd = FiniteDifferenceCheck.defaults().withTolerance(1e-6, 1e-9);
    ConvexSet[] sets = {ConvexSet.box(6, 0, 1), ConvexSet.simplex(6, 1), ConvexSet.cappedSimplex(6, 3),
        ConvexSet.budget(2, new double[] {1, 1, 0.5, 2, INF, 0.7}), ConvexSet.budget(20, filled(6, 1))};
    for (ConvexSet set : sets) {
      for (int trial = 0; trial < 20; trial++) {
        double[] y = randomVector(rng, 6, -1, 2);
        fd.vjp(set.toString(), x -> {
          double[] z = new double[x.length];
          set.project(x, z);
          return z;
        }, (x, w) -> {
          double[] out = new double[x.length];
          set.projectionJacobian(x, w, out);
          return out;
        }, y, rng);
      }
    }
  }

  @Test
  void emptySetsAndBadPointsAreRejectedByName() {
    assertThatThrownBy(() -> ConvexSet.cappedSimplex(3, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capped simplex").hasMessageContaining("infeasible");
    assertThatThrownBy(() -> ConvexSet.budget(-1, filled(3, 1))).hasMessageContaining("budget")
        .hasMessageContaining("infeasible");
    assertThatThrownBy(() -> ConvexSet.box(new double[] {0, 2}, new double[] {1, 1}))
        .hasMessageContaining("item 1");
    assertThatThrownBy(() -> ConvexSet.simplex(3, 1).project(new double[] {0, Double.NaN, 1}, new double[3]))
        .hasMessageContaining("y[1]");
    assertThatThrownBy(() -> ConvexSet.simplex(3, 1).project(new double[2], new double[2]))
        .hasMessageContaining("dimension 3");
  }
}
