package org.taskmet.solvers.topk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.solvers.testing.FiniteDifferences;

class TopKSolverTest {
  static Instance instance(int n) {
    return new Instance(Matrix.zeros(n, 1), Matrix.zeros(n, 1));
  }

  /** Independent reference: plain (scaling-domain) Sinkhorn u = μ/(Kv), v = ν/(Kᵀu) with K = exp(−C/ε). */
  static double[] scalingSinkhorn(double[] y, int k, double eps, int iterations) {
    int n = y.length;
    double[][] c = new double[n][2];
    double max = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 2; j++) {
        c[i][j] = Math.pow(-y[i] - j, 2);
        max = Math.max(max, c[i][j]);
      }
    }
    double[][] kern = new double[n][2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 2; j++) {
        kern[i][j] = Math.exp(-c[i][j] / max / eps);
      }
    }
    double[] nu = {(double) k / n, (double) (n - k) / n};
    double[] u = new double[n];
    double[] v = {1, 1};
    for (int it = 0; it < iterations; it++) {
      for (int i = 0; i < n; i++) {
        u[i] = (1.0 / n) / (kern[i][0] * v[0] + kern[i][1] * v[1]);
      }
      for (int j = 0; j < 2; j++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += kern[i][j] * u[i];
        }
        v[j] = nu[j] / s;
      }
    }
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = n * u[i] * kern[i][0] * v[0];
    }
    return z;
  }

  @Test
  void softTopKMatchesAnIndependentScalingSinkhorn() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int trial = 0; trial < 10; trial++) {
      int n = 5 + rng.nextInt(46);
      int k = 1 + rng.nextInt(Math.min(5, n - 1));
      double[] y = FiniteDifferences.random(rng, n, -2, 2);
      double eps = trial % 2 == 0 ? 0.01 : 0.1;
      Solution sol = new SoftTopKSolver(new SoftTopKSolver.Settings(k, eps, 200, 0))
          .solve(Matrix.column(y), instance(n), null);
      double[] ref = scalingSinkhorn(y, k, eps, 200);
      assertThat(FiniteDifferences.relativeError(sol.decision(), ref)).as("trial %d", trial).isLessThan(1e-9);
    }
  }

  @Test
  void scalingAndLogDomainIterationsAgree() {
    SplittableRandom rng = new SplittableRandom(6);
    for (int trial = 0; trial < 10; trial++) {
      int n = 5 + rng.nextInt(60);
      int k = 1 + rng.nextInt(Math.min(5, n - 1));
      double[] y = FiniteDifferences.random(rng, n, -3, 3);
      SoftTopKSolver.Settings s = new SoftTopKSolver.Settings(k, trial % 2 == 0 ? 0.01 : 1.0 / 299, 200, 0);
      double[] fast = new SoftTopKSolver(s).solve(Matrix.column(y), instance(n), null).decision();
      double[] log = new SoftTopKSolver(s, true).solve(Matrix.column(y), instance(n), null).decision();
      assertThat(FiniteDifferences.relativeError(fast, log)).isLessThan(1e-10);
    }
    // below the scaling limit only the log domain is safe; it still returns a feasible relaxation
    double[] y = FiniteDifferences.random(rng, 30, -1, 1);
    double[] z = new SoftTopKSolver(new SoftTopKSolver.Settings(2, 1e-3, 200, 0)).solve(Matrix.column(y), instance(30), null)
        .decision();
    assertThat(Arrays.stream(z).sum()).isCloseTo(2, offset(1e-9));
    assertThat(Arrays.stream(z).allMatch(Double::isFinite)).isTrue();
  }

  @Test
  void referenceSoftTopKIsAFeasibleMonotoneRelaxationOfHardTopK() {
    SplittableRandom rng = new SplittableRandom(2);
    int n = 50;
    for (int trial = 0; trial < 10; trial++) {
      int k = 1 + rng.nextInt(5);
      double[] y = FiniteDifferences.random(rng, n, -1, 1);
      Solution soft = new SoftTopKSolver(SoftTopKSolver.Settings.reference(k)).solve(Matrix.column(y), instance(n), null);
      double[] z = soft.decision();
      assertThat(Arrays.stream(z).sum()).isCloseTo(k, offset(1e-9));
      Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> -y[i])).toArray(Integer[]::new);
      for (int r = 0; r < n; r++) {
        assertThat(z[order[r]]).isBetween(-1e-12, 1 + 1e-9);
        if (r > 0) {
          assertThat(z[order[r]]).isLessThanOrEqualTo(z[order[r - 1]] + 1e-9); // monotone in ŷ
        }
      }
      double[] hard = new HardTopKSolver(k).solve(Matrix.column(y), instance(n), null).decision();
      // the soft decision puts most of its mass on the hard top-k
      double overlap = 0;
      for (int i = 0; i < n; i++) {
        overlap += hard[i] * z[i];
      }
      assertThat(overlap).isGreaterThan(0.5 * k);
    }
  }

  @Test
  void hardTopKMatchesSorting() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int trial = 0; trial < 50; trial++) {
      int n = 2 + rng.nextInt(30);
      int k = 1 + rng.nextInt(n - 1);
      double[] y = FiniteDifferences.random(rng, n, -1, 1);
      double[] z = new HardTopKSolver(k).solve(Matrix.column(y), instance(n), null).decision();
      double[] sorted = y.clone();
      Arrays.sort(sorted);
      double threshold = sorted[n - k];
      for (int i = 0; i < n; i++) {
        assertThat(z[i]).isEqualTo(y[i] >= threshold ? 1.0 : 0.0);
      }
    }
  }

  @Test
  void implicitBackwardMatchesFiniteDifferencesOfTheConvergedSolve() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int trial = 0; trial < 8; trial++) {
      int n = 4 + rng.nextInt(10);
      int k = 1 + rng.nextInt(n - 2);
      double eps = trial < 4 ? 0.1 : 0.03;
      double[] y = FiniteDifferences.random(rng, n, -1, 1);
      SoftTopKSolver solver = new SoftTopKSolver(new SoftTopKSolver.Settings(k, eps, 3000, 0));
      Solution sol = solver.solve(Matrix.column(y), instance(n), null);
      assertThat(sol.residual()).isLessThan(1e-12);
      double[] g = FiniteDifferences.random(rng, n, -1, 1);
      Matrix analytic = solver.vjp(sol, g);
      Matrix fd = FiniteDifferences.vjp(p -> solver.solve(p, instance(n), null).decision(), Matrix.column(y), g, 1e-6);
      assertThat(FiniteDifferences.relativeError(analytic.data(), fd.data())).as("trial %d", trial).isLessThan(1e-5);
    }
  }

  @Test
  void referenceSettingsBackwardMatchesFiniteDifferencesWhenConverged() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 50;
    int checked = 0;
    for (int trial = 0; trial < 5; trial++) {
      double[] y = FiniteDifferences.random(rng, n, -1, 1);
      SoftTopKSolver solver = new SoftTopKSolver(SoftTopKSolver.Settings.reference(1));
      Solution sol = solver.solve(Matrix.column(y), instance(n), null);
      if (sol.residual() > 1e-8) {
        continue; // 200 iterations did not converge here: the implicit gradient is the converged plan's
      }
      double[] g = FiniteDifferences.random(rng, n, -1, 1);
      Matrix fd = FiniteDifferences.vjp(p -> solver.solve(p, instance(n), null).decision(), Matrix.column(y), g, 1e-7);
      assertThat(FiniteDifferences.relativeError(solver.vjp(sol, g).data(), fd.data())).isLessThan(1e-4);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(2);
  }

  @Test
  void badInputIsRejectedWithTheSolverName() {
    SoftTopKSolver soft = new SoftTopKSolver(SoftTopKSolver.Settings.reference(1));
    assertThatThrownBy(() -> soft.solve(Matrix.zeros(3, 2), new Instance(Matrix.zeros(3, 1), Matrix.zeros(3, 1)), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("soft-topk").hasMessageContaining("3x2");
    assertThatThrownBy(() -> new HardTopKSolver(3).solve(Matrix.column(new double[] {1, 2, 3}), instance(3), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hard-topk").hasMessageContaining("k=3");
    assertThatThrownBy(() -> soft.solve(Matrix.column(new double[] {1, Double.NaN, 3}), instance(3), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 1");
    assertThatThrownBy(() -> new SoftTopKSolver.Settings(1, 0, 200, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epsilon");
  }

  /**
   * Issue 14: with ε = 1e-300 the soft top-k summed to 1150 instead of k = 1 and the validation loss built on it
   * fell far below its possible minimum. Now an error naming the solver and ε; ε = 0.01 (the reference) passes.
   */
  @Test
  void anEpsilonTooSmallForDoublePrecisionIsAnErrorNotAnImpossibleDecision() {
    double[] y = new SplittableRandom(1).doubles(50).map(v -> 2 * v - 1).toArray();
    Instance inst = new Instance(Matrix.zeros(50, 1), Matrix.zeros(50, 1));
    for (double eps : new double[] {1e-100, 1e-300}) {
      SoftTopKSolver tiny = new SoftTopKSolver(new SoftTopKSolver.Settings(1, eps, 200, 1e-9));
      assertThatThrownBy(() -> tiny.solve(Matrix.column(y), inst, new SplittableRandom(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("soft-topk: epsilon = " + eps + " is too small for double precision: the soft top-k "
              + "sums to ");
    }
    Solution ok = new SoftTopKSolver(new SoftTopKSolver.Settings(1, 0.01, 200, 1e-9))
        .solve(Matrix.column(y), inst, new SplittableRandom(1));
    assertThat(Arrays.stream(ok.decision()).sum()).isCloseTo(1.0, offset(1e-6));
  }
}
