package org.taskmet.solvers.simplex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.solvers.simplex.CappedSimplexAscentSolver.Settings;
import org.taskmet.solvers.simplex.CappedSimplexAscentSolver.Start;
import org.taskmet.solvers.testing.BruteForceQp;
import org.taskmet.solvers.testing.FiniteDifferences;

class CappedSimplexAscentSolverTest {

  static Instance instance(int items, int cols) {
    return new Instance(Matrix.zeros(items, 1), Matrix.zeros(items, cols));
  }

  static double[] spd(SplittableRandom rng, int n, double diag) {
    double[] b = FiniteDifferences.random(rng, n * n, -0.5, 0.5);
    double[] s = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = i == j ? diag : 0;
        for (int t = 0; t < n; t++) {
          v += b[i * n + t] * b[j * n + t];
        }
        s[i * n + j] = v;
      }
    }
    return s;
  }

  @Test
  void coverageObjectiveDerivativesMatchFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(3);
    CoverageObjective obj = new CoverageObjective();
    int n = 5;
    int m = 10;
    Instance inst = instance(n, m);
    for (int trial = 0; trial < 5; trial++) {
      Matrix y = new Matrix(n, m, FiniteDifferences.random(rng, n * m, 0, 1));
      double[] z = FiniteDifferences.random(rng, n, 0, 1);
      double[] grad = new double[n];
      obj.gradient(z, y, inst, grad);
      double[] fdGrad = FiniteDifferences.gradient(zz -> obj.value(zz, y, inst), z, 1e-6);
      assertThat(FiniteDifferences.relativeError(grad, fdGrad)).isLessThan(1e-8);
      double[] hess = new double[n * n];
      obj.hessian(z, y, inst, hess);
      for (int i = 0; i < n; i++) {
        final int row = i;
        double[] fdRow = FiniteDifferences.gradient(zz -> {
          double[] g = new double[n];
          obj.gradient(zz, y, inst, g);
          return g[row];
        }, z, 1e-6);
        assertThat(FiniteDifferences.relativeError(java.util.Arrays.copyOfRange(hess, i * n, i * n + n), fdRow))
            .isLessThan(1e-8);
      }
      double[] v = FiniteDifferences.random(rng, n, -1, 1);
      Matrix mixed = obj.mixedVjp(z, y, inst, v);
      double[] fdMixed = FiniteDifferences.gradient(flat -> {
        double[] g = new double[n];
        obj.gradient(z, new Matrix(n, m, flat), inst, g);
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += v[i] * g[i];
        }
        return s;
      }, y.data(), 1e-6);
      assertThat(FiniteDifferences.relativeError(mixed.data(), fdMixed)).isLessThan(1e-8);
    }
  }

  @Test
  void maximizerOfConcaveQuadraticMatchesBruteForce() {
    SplittableRandom rng = new SplittableRandom(21);
    for (int trial = 0; trial < 15; trial++) {
      int n = 3 + rng.nextInt(4);
      double k = 1 + rng.nextInt(n - 1) + (trial % 2) * 0.5 * rng.nextDouble();
      if (k >= n) {
        k = n - 0.5;
      }
      double[] s = spd(rng, n, 1.0);
      double[] p = FiniteDifferences.random(rng, n, -2, 2);
      CappedSimplexAscentSolver solver = new CappedSimplexAscentSolver(new QuadraticTestObjective(s, n),
          new Settings(k, 600, 0.1, 0.9, Start.RANDOM, 0.01, 1e-6));
      Solution sol = solver.solve(Matrix.column(p), instance(n, 1), new SplittableRandom(trial));
      // brute force: min ½zᵀSz − pᵀz s.t. Σz = k, 0 ≤ z ≤ 1
      double[][] box = BruteForceQp.boxRows(n);
      double[] ones = new double[n];
      java.util.Arrays.fill(ones, 1);
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = -p[i];
      }
      double[] ref = BruteForceQp.solve(n, s, c, 1, ones, new double[] {k}, 2 * n, box[0], box[1]);
      assertThat(FiniteDifferences.relativeError(sol.decision(), ref)).as("trial %d", trial).isLessThan(1e-7);
      assertThat(sol.residual()).isLessThan(1e-7);
    }
  }

  @Test
  void kktBackwardMatchesFiniteDifferencesOfTheSolve() {
    SplittableRandom rng = new SplittableRandom(8);
    int checked = 0;
    for (int trial = 0; trial < 10; trial++) {
      int n = 4 + rng.nextInt(4);
      double[] s = spd(rng, n, 0.5);
      double[] p = FiniteDifferences.random(rng, n, -1.5, 1.5);
      double k = 2;
      CappedSimplexAscentSolver exact = new CappedSimplexAscentSolver(new QuadraticTestObjective(s, n),
          new Settings(k, 2000, 0.1, 0.9, Start.CENTER, 0.0, 1e-7));
      Instance inst = instance(n, 1);
      Solution sol = exact.solve(Matrix.column(p), inst, null);
      if (nearDegenerate(sol.decision())) {
        continue; // a coordinate sits at a kink of the solution map: no derivative to compare
      }
      double[] g = FiniteDifferences.random(rng, n, -1, 1);
      Matrix analytic = exact.vjp(sol, g);
      Matrix fd = FiniteDifferences.vjp(pp -> exact.solve(pp, inst, null).decision(), Matrix.column(p), g, 1e-5);
      assertThat(FiniteDifferences.relativeError(analytic.data(), fd.data())).as("trial %d", trial).isLessThan(1e-5);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  @Test
  void coverageMaximizersAreVerticesWhereTheExactDerivativeVanishes() {
    // the coverage objective is convex along every feasible edge direction e_i − e_j (∂²obj/∂z_i∂z_j ≤ 0, zero
    // diagonal), so its maximizers over the capped simplex are vertices and z*(Ŷ) is locally constant: the
    // exact derivative is 0 (and FD agrees); the training signal comes from the KKT ridge alone
    SplittableRandom rng = new SplittableRandom(17);
    CoverageObjective obj = new CoverageObjective();
    Instance inst = instance(5, 10);
    for (int trial = 0; trial < 3; trial++) {
      Matrix y = new Matrix(5, 10, FiniteDifferences.random(rng, 50, 0, 1));
      CappedSimplexAscentSolver exact =
          new CappedSimplexAscentSolver(obj, new Settings(2, 300, 0.1, 0.9, Start.CENTER, 0.0, 1e-7));
      Solution sol = exact.solve(y, inst, null);
      for (double v : sol.decision()) {
        assertThat(Math.min(Math.abs(v), Math.abs(1 - v))).isLessThan(1e-9);
      }
      double[] g = FiniteDifferences.random(rng, 5, -1, 1);
      Matrix fd = FiniteDifferences.vjp(pp -> exact.solve(pp, inst, null).decision(), y, g, 1e-5);
      assertThat(FiniteDifferences.relativeError(exact.vjp(sol, g).data(), fd.data())).isLessThan(1e-9);
      CappedSimplexAscentSolver ridged = new CappedSimplexAscentSolver(obj, Settings.reference(2));
      Matrix smoothed = ridged.vjp(sol, g);
      assertThat(smoothed.isFinite()).isTrue();
      assertThat(java.util.Arrays.stream(smoothed.data()).map(Math::abs).max().orElseThrow()).isGreaterThan(1e-6);
    }
  }

  @Test
  void referenceRidgeStaysCloseToTheExactDerivativeAtFractionalMaximizers() {
    SplittableRandom rng = new SplittableRandom(4);
    int checked = 0;
    for (int trial = 0; trial < 20 && checked < 4; trial++) {
      int n = 5;
      double[] s = spd(rng, n, 1.0);
      double[] p = FiniteDifferences.random(rng, n, -0.5, 0.5);
      Instance inst = instance(n, 1);
      CappedSimplexAscentSolver exact = new CappedSimplexAscentSolver(new QuadraticTestObjective(s, n),
          new Settings(2, 2000, 0.1, 0.9, Start.CENTER, 0.0, 1e-7));
      Solution sol = exact.solve(Matrix.column(p), inst, null);
      int fractional = 0;
      for (double v : sol.decision()) {
        fractional += (v > 1e-4 && v < 1 - 1e-4) ? 1 : 0;
      }
      if (fractional < 2 || nearDegenerate(sol.decision())) {
        continue;
      }
      double[] g = FiniteDifferences.random(rng, n, -1, 1);
      Matrix fd = FiniteDifferences.vjp(pp -> exact.solve(pp, inst, null).decision(), Matrix.column(p), g, 1e-5);
      CappedSimplexAscentSolver ridged = new CappedSimplexAscentSolver(new QuadraticTestObjective(s, n),
          new Settings(2, 2000, 0.1, 0.9, Start.CENTER, 0.01, 1e-6));
      assertThat(cosine(ridged.vjp(sol, g).data(), fd.data())).isGreaterThan(0.95);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(2);
  }

  @Test
  void sameSeedIsBitIdenticalAndCenterStartIgnoresTheRng() {
    SplittableRandom rng = new SplittableRandom(2);
    Matrix y = new Matrix(5, 10, FiniteDifferences.random(rng, 50, 0, 1));
    Instance inst = instance(5, 10);
    CappedSimplexAscentSolver reference = new CappedSimplexAscentSolver(new CoverageObjective(), Settings.reference(2));
    double[] a = reference.solve(y, inst, new SplittableRandom(42)).decision();
    double[] b = reference.solve(y, inst, new SplittableRandom(42)).decision();
    assertThat(a).containsExactly(b);
    double sum = 0;
    for (double v : a) {
      assertThat(v).isBetween(0.0, 1.0);
      sum += v;
    }
    assertThat(sum).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    CappedSimplexAscentSolver center = new CappedSimplexAscentSolver(new CoverageObjective(),
        new Settings(2, 100, 0.1, 0.9, Start.CENTER, 0.01, 1e-6));
    assertThat(center.solve(y, inst, new SplittableRandom(1)).decision())
        .containsExactly(center.solve(y, inst, new SplittableRandom(99)).decision());
  }

  @Test
  void rejectsBadInputWithNamedErrors() {
    CappedSimplexAscentSolver solver = new CappedSimplexAscentSolver(new CoverageObjective(), Settings.reference(2));
    Matrix bad = new Matrix(5, 10, new double[50]);
    bad.data()[7] = Double.NaN;
    assertThatThrownBy(() -> solver.solve(bad, instance(5, 10), new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capped-simplex-ascent").hasMessageContaining("NaN");
    assertThatThrownBy(() -> solver.solve(Matrix.zeros(2, 10), instance(2, 10), new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget k=2.0");
    assertThatThrownBy(() -> solver.solve(Matrix.zeros(5, 10), instance(5, 10), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RandomGenerator");
    assertThatThrownBy(() -> new Settings(2, 0, 0.1, 0.9, Start.RANDOM, 0.01, 1e-6))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations");
  }

  static boolean nearDegenerate(double[] z) {
    for (double v : z) {
      if ((v > 1e-9 && v < 1e-4) || (v < 1 - 1e-9 && v > 1 - 1e-4)) {
        return true;
      }
    }
    return false;
  }

  static double cosine(double[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }
}
