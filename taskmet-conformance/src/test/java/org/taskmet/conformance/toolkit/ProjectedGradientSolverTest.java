package org.taskmet.conformance.toolkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;
import org.taskmet.api.toolkit.ConvexSet;
import org.taskmet.api.toolkit.ProjectedGradientSolver;
import org.taskmet.api.toolkit.SmoothObjective;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.conformance.SolverConformance;

class ProjectedGradientSolverTest {
  static final FiniteDifferenceCheck FD = FiniteDifferenceCheck.defaults().withTolerance(1e-5, 1e-8);

  static Instance items(int n) {
    return new Instance(Matrix.zeros(n, 1), Matrix.zeros(n, 1));
  }

  static Matrix positive(SplittableRandom rng, int n) {
    return Matrix.column(ConvexSetTest.randomVector(rng, n, 0.5, 4));
  }

  @Test
  void theDecisionIsTheMaximizerFoundByAnIndependentDualSolver() {
    SplittableRandom rng = new SplittableRandom(21);
    LogUtility obj = new LogUtility(0.5);
    double[] caps = {1, 2, 0.5, 3, 1.5, 2, 1, 4};
    for (double budget : new double[] {1, 3, 100}) { // budget binding, binding, slack
      Solver solver = new ProjectedGradientSolver("log-utility", obj, in -> ConvexSet.budget(budget, caps));
      for (int trial = 0; trial < 5; trial++) {
        Matrix p = positive(rng, caps.length);
        Solution s = solver.solve(p, items(caps.length), null);
        assertThat(s.decision()).containsExactly(obj.maximizeByDualBisection(p.data(), caps, budget), offset(1e-7));
        assertThat(s.residual()).isLessThanOrEqualTo(1e-9);
        // converged, not stopped by the 10 000-iteration budget (measured: at most a few dozen)
        assertThat(s.iterations()).isBetween(1, 200);
      }
    }
  }

  @Test
  void theImplicitVjpMatchesFiniteDifferencesOfTheSolve() {
    SplittableRandom rng = new SplittableRandom(22);
    double[] caps = {1, 2, 0.5, 3, 1.5, 2};
    for (double budget : new double[] {2, 100}) {
      Solver solver = new ProjectedGradientSolver("log-utility", new LogUtility(0.5),
          in -> ConvexSet.budget(budget, caps), ProjectedGradientSolver.Settings.defaults().withTolerance(1e-12));
      for (int trial = 0; trial < 5; trial++) {
        Matrix p = positive(rng, caps.length);
        SolverConformance.checkVjp(solver, p, items(caps.length), trial, FD);
        SolverConformance.checkDeterministic(solver, p, items(caps.length), trial);
        SolverConformance.checkResidual(solver, p, items(caps.length), trial, 1e-9);
      }
    }
  }

  /** −½‖z − Ŷ‖²: the maximizer is the projection of Ŷ and the VJP is the projection's Jacobian. */
  @Test
  void onADistanceObjectiveItReducesToTheProjection() {
    SmoothObjective distance = new SmoothObjective() {
      public int decisionSize(Instance in) {
        return in.items();
      }

      public double value(double[] z, Matrix p, Instance in) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
          s -= 0.5 * (z[i] - p.data()[i]) * (z[i] - p.data()[i]);
        }
        return s;
      }

      public void gradient(double[] z, Matrix p, Instance in, double[] out) {
        for (int i = 0; i < z.length; i++) {
          out[i] = p.data()[i] - z[i];
        }
      }

      public void hessianVector(double[] z, Matrix p, Instance in, double[] v, double[] out) {
        for (int i = 0; i < z.length; i++) {
          out[i] = -v[i];
        }
      }

      public Matrix mixedVjp(double[] z, Matrix p, Instance in, double[] v) {
        return new Matrix(p.rows(), p.cols(), v.clone());
      }
    };
    SplittableRandom rng = new SplittableRandom(23);
    ConvexSet set = ConvexSet.cappedSimplex(7, 3);
    Solver solver = new ProjectedGradientSolver("distance", distance, in -> set,
        ProjectedGradientSolver.Settings.defaults().withStepSize(0.7));
    for (int trial = 0; trial < 10; trial++) {
      double[] y = ConvexSetTest.randomVector(rng, 7, -1, 2);
      double[] expected = new double[7];
      set.project(y, expected);
      Solution s = solver.solve(Matrix.column(y), items(7), null);
      assertThat(s.decision()).containsExactly(expected, offset(1e-9));
      double[] w = ConvexSetTest.randomVector(rng, 7, -1, 1);
      double[] jw = new double[7];
      set.projectionJacobian(y, w, jw);
      assertThat(solver.vjp(s, w).data()).containsExactly(jw, offset(1e-8));
    }
  }

  @Test
  void aFlatFaceMakesTheVjpFailByNameInsteadOfReturningGarbage() {
    SmoothObjective flat = new LogUtility(0) {
      @Override
      public double value(double[] z, Matrix p, Instance in) {
        return 0;
      }

      @Override
      public void gradient(double[] z, Matrix p, Instance in, double[] out) {
        java.util.Arrays.fill(out, 0);
      }

      @Override
      public void hessianVector(double[] z, Matrix p, Instance in, double[] v, double[] out) {
        java.util.Arrays.fill(out, 0);
      }
    };
    Solver solver = new ProjectedGradientSolver("flat", flat, in -> ConvexSet.box(3, -1, 1));
    Solution s = solver.solve(Matrix.column(new double[] {1, 1, 1}), items(3), null);
    assertThatThrownBy(() -> solver.vjp(s, new double[] {1, 0, 0})).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("flat:").hasMessageContaining("not differentiable");
  }

  @Test
  void badInputsAreNamed() {
    Solver solver = new ProjectedGradientSolver("log-utility", new LogUtility(0.5), in -> ConvexSet.simplex(3, 1));
    assertThatThrownBy(() -> solver.solve(Matrix.column(new double[] {1, Double.NaN, 1}), items(3), null))
        .hasMessageContaining("log-utility: prediction (1, 0) is NaN");
    assertThatThrownBy(() -> solver.solve(Matrix.column(new double[] {1, 1}), items(2), null))
        .hasMessageContaining("dimension 3");
    Solution s = solver.solve(Matrix.column(new double[] {1, 2, 3}), items(3), null);
    assertThatThrownBy(() -> solver.vjp(s, new double[2])).hasMessageContaining("cotangent has length 2, expected 3");
  }
}
