package org.taskmet.solvers.plugins;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.api.Solver;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.conformance.SolverConformance;
import org.taskmet.solvers.lp.ArgmaxOracle;
import org.taskmet.solvers.lp.LinearOracleSolver;
import org.taskmet.solvers.qp.PortfolioQpSolver;
import org.taskmet.solvers.simplex.CappedSimplexAscentSolver;
import org.taskmet.solvers.simplex.CappedSimplexProjectionSolver;
import org.taskmet.solvers.simplex.CoverageObjective;
import org.taskmet.solvers.topk.SoftTopKSolver;
import org.taskmet.solvers.testing.FiniteDifferences;

/** Every differentiable solver through the shared finite-difference kit. */
class SolverConformanceTest {
  static final FiniteDifferenceCheck CHECK = FiniteDifferenceCheck.defaults();

  static Instance items(int n) {
    return new Instance(Matrix.zeros(n, 1), Matrix.zeros(n, 1));
  }

  @Test
  void softTopKAtConvergedSettings() {
    SplittableRandom rng = new SplittableRandom(1);
    Solver soft = new SoftTopKSolver(new SoftTopKSolver.Settings(2, 0.05, 2000, 0));
    for (int trial = 0; trial < 3; trial++) {
      Matrix y = Matrix.column(FiniteDifferences.random(rng, 12, -1, 1));
      SolverConformance.checkVjp(soft, y, items(12), trial, CHECK);
    }
  }

  @Test
  void cappedSimplexProjectionAwayFromKinks() {
    SplittableRandom rng = new SplittableRandom(2);
    Solver proj = new CappedSimplexProjectionSolver(3);
    int checked = 0;
    for (int trial = 0; trial < 10 && checked < 3; trial++) {
      Matrix y = Matrix.column(FiniteDifferences.random(rng, 10, -1, 1.5));
      double[] z = proj.solve(y, items(10), null).decision();
      boolean kink = false;
      for (double v : z) {
        kink |= (v > 0 && v < 1e-3) || (v < 1 && v > 1 - 1e-3);
      }
      if (!kink) {
        SolverConformance.checkVjp(proj, y, items(10), trial, CHECK);
        checked++;
      }
    }
  }

  @Test
  void portfolioQpBothMethods() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 12;
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        l[i * n + j] = i == j ? 0.5 + rng.nextDouble() : rng.nextDouble() - 0.5;
      }
    }
    Instance inst = new Instance(Matrix.zeros(n, 1), Matrix.zeros(n, 1),
        Map.of(PortfolioQpSolver.CHOLESKY_AUX_KEY, new Matrix(n, n, l)));
    PortfolioQpSolver.Settings ref = PortfolioQpSolver.Settings.reference();
    for (PortfolioQpSolver.Method method : PortfolioQpSolver.Method.values()) {
      Solver qp = new PortfolioQpSolver(new PortfolioQpSolver.Settings(ref.alpha(), ref.quadraticForm(), false, method,
          ref.qp()));
      Matrix p = Matrix.column(FiniteDifferences.random(new SplittableRandom(4), n, -0.3, 0.3));
      SolverConformance.checkVjp(qp, p, inst, 0, CHECK.withTolerance(1e-4, 1e-7));
    }
  }

  @Test
  void coverageObjectivePassesTheSmoothObjectiveCheck() {
    SplittableRandom rng = new SplittableRandom(6);
    Matrix y = new Matrix(5, 10, FiniteDifferences.random(rng, 50, 0, 1));
    Instance inst = new Instance(Matrix.zeros(5, 1), Matrix.zeros(5, 10));
    SolverConformance.checkSmoothObjective(new CoverageObjective(), FiniteDifferences.random(rng, 5, 0, 1), y, inst, 1,
        CHECK);
  }

  @Test
  void budgetAscentIsDeterministicPerSeedAndTheCheckCatchesAWrongVjp() {
    SplittableRandom rng = new SplittableRandom(5);
    Matrix y = new Matrix(5, 10, FiniteDifferences.random(rng, 50, 0, 1));
    Instance inst = new Instance(Matrix.zeros(5, 1), Matrix.zeros(5, 10));
    SolverConformance.checkDeterministic(
        new CappedSimplexAscentSolver(new CoverageObjective(), CappedSimplexAscentSolver.Settings.reference(2)), y, inst, 9);
    SolverConformance.checkDeterministic(new LinearOracleSolver("lp", new ArgmaxOracle(),
        LinearOracleSolver.Settings.of(LinearOracleSolver.Family.DPO)), Matrix.column(new double[] {0.1, 0.2}), items(2), 3);
    // the kit must fail on a solver whose VJP is wrong (here: the soft top-k VJP doubled)
    Solver soft = new SoftTopKSolver(new SoftTopKSolver.Settings(1, 0.1, 1000, 0));
    Solver broken = new Solver() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public void validate(Matrix predictions, Instance instance) {}

      @Override
      public Solution solve(Matrix predictions, Instance instance, java.util.random.RandomGenerator r) {
        return soft.solve(predictions, instance, r);
      }

      @Override
      public Matrix vjp(Solution solution, double[] g) {
        Matrix m = soft.vjp(solution, g);
        for (int i = 0; i < m.data().length; i++) {
          m.data()[i] *= 2;
        }
        return m;
      }
    };
    Matrix scores = Matrix.column(FiniteDifferences.random(rng, 6, -1, 1));
    assertThatThrownBy(() -> SolverConformance.checkVjp(broken, scores, items(6), 1, CHECK))
        .isInstanceOf(AssertionError.class).hasMessageContaining("broken");
  }
}
