package org.taskmet.solvers.simplex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Matrix;
import org.taskmet.solvers.testing.FiniteDifferences;

class CappedSimplexProjectionTest {

  /** Independent reference: bisection on τ for h(τ) = Σ clip(y − τ, 0, 1) = k, to machine precision. */
  static double[] bisectionReference(double[] y, double k) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      lo = Math.min(lo, v - 1);
      hi = Math.max(hi, v);
    }
    for (int it = 0; it < 200; it++) {
      double mid = 0.5 * (lo + hi);
      double h = 0;
      for (double v : y) {
        h += Math.min(1, Math.max(0, v - mid));
      }
      if (h > k) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double tau = 0.5 * (lo + hi);
    double[] z = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      z[i] = Math.min(1, Math.max(0, y[i] - tau));
    }
    return z;
  }

  @Test
  void matchesBisectionReferenceOnRandomInputs() {
    SplittableRandom rng = new SplittableRandom(11);
    CappedSimplexProjection proj = new CappedSimplexProjection();
    for (int trial = 0; trial < 500; trial++) {
      int n = 1 + rng.nextInt(40);
      double scale = trial % 3 == 0 ? 0.1 : (trial % 3 == 1 ? 1 : 10);
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        // a few exact ties on purpose
        y[i] = (trial % 7 == 0 && i > 0 && rng.nextBoolean()) ? y[i - 1] : scale * (rng.nextDouble() * 4 - 2);
      }
      double k = trial % 5 == 0 ? rng.nextInt(n + 1) : rng.nextDouble() * n;
      double[] z = new double[n];
      proj.project(y, k, z);
      double[] ref = bisectionReference(y, k);
      for (int i = 0; i < n; i++) {
        assertThat(z[i]).as("trial %d coord %d", trial, i).isCloseTo(ref[i], org.assertj.core.data.Offset.offset(1e-9 * (1 + scale)));
      }
    }
  }

  @Test
  void satisfiesFeasibilityAndOptimalityConditions() {
    SplittableRandom rng = new SplittableRandom(5);
    for (int trial = 0; trial < 300; trial++) {
      int n = 2 + rng.nextInt(30);
      double[] y = FiniteDifferences.random(rng, n, -3, 3);
      double k = rng.nextDouble() * n;
      double[] z = new double[n];
      double tau = new CappedSimplexProjection().project(y, k, z);
      double sum = 0;
      for (int i = 0; i < n; i++) {
        assertThat(z[i]).isBetween(0.0, 1.0);
        sum += z[i];
        // KKT of min ½‖z − y‖²: y_i − z_i = τ on fractional coords, ≤ τ at 0, ≥ τ at 1
        if (z[i] > 0 && z[i] < 1) {
          assertThat(y[i] - z[i]).isCloseTo(tau, org.assertj.core.data.Offset.offset(1e-12));
        } else if (z[i] == 0) {
          assertThat(y[i]).isLessThanOrEqualTo(tau + 1e-12);
        } else {
          assertThat(y[i] - 1).isGreaterThanOrEqualTo(tau - 1e-12);
        }
      }
      assertThat(sum).isCloseTo(k, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void vjpMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(9);
    for (int trial = 0; trial < 20; trial++) {
      int n = 3 + rng.nextInt(10);
      double[] y = FiniteDifferences.random(rng, n, -1.5, 1.5);
      double k = 1 + rng.nextInt(n - 1);
      double[] g = FiniteDifferences.random(rng, n, -1, 1);
      double[] z = CappedSimplexProjection.projectOnto(y, k);
      double[] analytic = new double[n];
      CappedSimplexProjection.vjp(z, g, 1e-9, analytic);
      Matrix fd = FiniteDifferences.vjp(p -> CappedSimplexProjection.projectOnto(p.data(), k), Matrix.column(y), g, 1e-6);
      assertThat(FiniteDifferences.relativeError(analytic, fd.data())).isLessThan(1e-6);
    }
  }

  @Test
  void edgeBudgetsAndBadInput() {
    double[] y = {0.3, -2, 5};
    assertThat(CappedSimplexProjection.projectOnto(y, 0)).containsExactly(0, 0, 0);
    assertThat(CappedSimplexProjection.projectOnto(y, 3)).containsExactly(1, 1, 1);
    assertThatThrownBy(() -> CappedSimplexProjection.projectOnto(y, 3.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=3.5");
    assertThatThrownBy(() -> CappedSimplexProjection.projectOnto(new double[] {1, Double.NaN}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[1]");
  }
}
