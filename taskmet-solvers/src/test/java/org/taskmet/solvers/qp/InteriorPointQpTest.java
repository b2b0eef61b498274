package org.taskmet.solvers.qp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.solvers.testing.BruteForceQp;
import org.taskmet.solvers.testing.FiniteDifferences;

class InteriorPointQpTest {
  static final InteriorPointQp IPM = new InteriorPointQp("test-qp", InteriorPointQp.Settings.defaults());

  static double[] psd(SplittableRandom rng, int n, int rank, double ridge) {
    double[] b = FiniteDifferences.random(rng, n * rank, -1, 1);
    double[] q = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = i == j ? ridge : 0;
        for (int t = 0; t < rank; t++) {
          v += b[i * rank + t] * b[j * rank + t];
        }
        q[i * n + j] = v;
      }
    }
    return q;
  }

  /** A random feasible problem: b and h are built around a random point inside the box. */
  static QpProblem randomProblem(SplittableRandom rng, int n, int me, int mi, boolean bounds) {
    double[] q = psd(rng, n, n, 0.1);
    double[] c = FiniteDifferences.random(rng, n, -2, 2);
    double[] x0 = FiniteDifferences.random(rng, n, 0.1, 0.9);
    double[] a = FiniteDifferences.random(rng, me * n, -1, 1);
    double[] b = new double[me];
    for (int e = 0; e < me; e++) {
      for (int j = 0; j < n; j++) {
        b[e] += a[e * n + j] * x0[j];
      }
    }
    double[] g = FiniteDifferences.random(rng, mi * n, -1, 1);
    double[] h = new double[mi];
    for (int r = 0; r < mi; r++) {
      for (int j = 0; j < n; j++) {
        h[r] += g[r * n + j] * x0[j];
      }
      h[r] += 0.05 + 0.3 * rng.nextDouble();
    }
    double[] lower = bounds ? new double[n] : null;
    double[] upper = null;
    if (bounds) {
      upper = new double[n];
      Arrays.fill(upper, 1.0);
      upper[0] = Double.POSITIVE_INFINITY; // one-sided bound on purpose
    }
    return new QpProblem(n, q, c, me, me == 0 ? null : a, me == 0 ? null : b, mi, mi == 0 ? null : g,
        mi == 0 ? null : h, lower, upper);
  }

  /** All inequalities, bounds included, as dense G rows for the brute-force reference. */
  static double[][] allRows(QpProblem p) {
    int n = p.n();
    java.util.List<double[]> rows = new java.util.ArrayList<>();
    java.util.List<Double> rhs = new java.util.ArrayList<>();
    for (int r = 0; r < p.mi(); r++) {
      rows.add(Arrays.copyOfRange(p.g(), r * n, r * n + n));
      rhs.add(p.h()[r]);
    }
    for (int i = 0; i < n; i++) {
      if (p.lower() != null && Double.isFinite(p.lower()[i])) {
        double[] row = new double[n];
        row[i] = -1;
        rows.add(row);
        rhs.add(-p.lower()[i]);
      }
      if (p.upper() != null && Double.isFinite(p.upper()[i])) {
        double[] row = new double[n];
        row[i] = 1;
        rows.add(row);
        rhs.add(p.upper()[i]);
      }
    }
    double[] g = new double[rows.size() * n];
    double[] h = new double[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, g, r * n, n);
      h[r] = rhs.get(r);
    }
    return new double[][] {g, h};
  }

  @Test
  void matchesActiveSetEnumerationOnSmallProblems() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int trial = 0; trial < 25; trial++) {
      int n = 2 + rng.nextInt(4);
      int me = rng.nextInt(2);
      int mi = rng.nextInt(3);
      QpProblem p = randomProblem(rng, n, me, mi, trial % 4 != 0);
      double[][] rows = allRows(p);
      double[] ref = BruteForceQp.solve(n, p.q(), p.c(), me, p.a(), p.b(), rows[1].length, rows[0], rows[1]);
      QpResult r = IPM.solve(p);
      assertThat(ref).isNotNull();
      assertThat(FiniteDifferences.relativeError(r.x(), ref)).as("trial %d", trial).isLessThan(1e-7);
      assertThat(r.kktResidual()).isLessThanOrEqualTo(1e-10);
    }
  }

  @Test
  void satisfiesKktConditionsOnLargerRandomProblems() {
    SplittableRandom rng = new SplittableRandom(8);
    for (int trial = 0; trial < 6; trial++) {
      // one problem at the stated scale limit ("a few hundred variables"), the rest smaller
      int n = trial == 0 ? 200 : 20 + rng.nextInt(60);
      QpProblem p = randomProblem(rng, n, 1 + rng.nextInt(3), trial == 0 ? 20 : rng.nextInt(10), true);
      QpResult r = IPM.solve(p);
      double[] x = r.x();
      // stationarity Qx + c + Aᵀν + Gᵀλ − λ_lower + λ_upper = 0
      double[] grad = p.c().clone();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          grad[i] += p.q()[i * n + j] * x[j];
        }
        for (int e = 0; e < p.me(); e++) {
          grad[i] += p.a()[e * n + i] * r.equalityMultipliers()[e];
        }
        for (int t = 0; t < p.mi(); t++) {
          grad[i] += p.g()[t * n + i] * r.inequalityMultipliers()[t];
        }
        grad[i] += r.upperMultipliers()[i] - r.lowerMultipliers()[i];
      }
      assertThat(InteriorPointQp.maxAbs(grad)).isLessThan(1e-8);
      for (int i = 0; i < n; i++) {
        assertThat(x[i]).isGreaterThanOrEqualTo(-1e-9);
        if (Double.isFinite(p.upper()[i])) {
          assertThat(x[i]).isLessThanOrEqualTo(1 + 1e-9);
          assertThat(r.upperMultipliers()[i] * (1 - x[i])).isLessThan(1e-8);
        }
        assertThat(r.lowerMultipliers()[i]).isGreaterThanOrEqualTo(0);
        assertThat(r.lowerMultipliers()[i] * x[i]).isLessThan(1e-8);
      }
      for (int e = 0; e < p.me(); e++) {
        double ax = 0;
        for (int j = 0; j < n; j++) {
          ax += p.a()[e * n + j] * x[j];
        }
        assertThat(ax).isCloseTo(p.b()[e], org.assertj.core.data.Offset.offset(1e-8));
      }
      for (int t = 0; t < p.mi(); t++) {
        double gx = 0;
        for (int j = 0; j < n; j++) {
          gx += p.g()[t * n + j] * x[j];
        }
        assertThat(gx).isLessThanOrEqualTo(p.h()[t] + 1e-8);
        assertThat(r.inequalityMultipliers()[t]).isGreaterThanOrEqualTo(0);
      }
    }
  }

  @Test
  void backwardMatchesFiniteDifferencesForCAndBAndH() {
    SplittableRandom rng = new SplittableRandom(9);
    int checked = 0;
    for (int trial = 0; trial < 12; trial++) {
      int n = 3 + rng.nextInt(6);
      QpProblem p = randomProblem(rng, n, 1, 2, true);
      QpResult r = IPM.solve(p);
      if (nearlyDegenerate(p, r)) {
        continue;
      }
      double[] g = FiniteDifferences.random(rng, n, -1, 1);
      QpGradients grads = IPM.backward(p, r, g);
      double[] fdC = FiniteDifferences.gradient(c -> dot(g, IPM.solve(p.withLinearTerm(c)).x()), p.c(), 1e-6);
      assertThat(FiniteDifferences.relativeError(grads.c(), fdC)).as("trial %d dc", trial).isLessThan(1e-5);
      double[] fdB = FiniteDifferences.gradient(bb -> dot(g, IPM.solve(new QpProblem(n, p.q(), p.c(), 1, p.a(), bb,
          p.mi(), p.g(), p.h(), p.lower(), p.upper())).x()), p.b(), 1e-6);
      assertThat(FiniteDifferences.relativeError(grads.b(), fdB)).isLessThan(1e-5);
      double[] fdH = FiniteDifferences.gradient(hh -> dot(g, IPM.solve(new QpProblem(n, p.q(), p.c(), 1, p.a(), p.b(),
          p.mi(), p.g(), hh, p.lower(), p.upper())).x()), p.h(), 1e-6);
      assertThat(FiniteDifferences.relativeError(grads.h(), fdH)).isLessThan(1e-5);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(6);
  }

  static boolean nearlyDegenerate(QpProblem p, QpResult r) {
    // a constraint that is (almost) active with an (almost) zero multiplier sits at a kink of x*(c)
    double[] lam = new double[r.slacks().length];
    int k = 0;
    for (double v : r.inequalityMultipliers()) {
      lam[k++] = v;
    }
    for (int i = 0; i < p.n(); i++) {
      if (p.lower() != null && Double.isFinite(p.lower()[i])) {
        lam[k++] = r.lowerMultipliers()[i];
      }
    }
    for (int i = 0; i < p.n(); i++) {
      if (p.upper() != null && Double.isFinite(p.upper()[i])) {
        lam[k++] = r.upperMultipliers()[i];
      }
    }
    for (int t = 0; t < lam.length; t++) {
      if (Math.max(lam[t], r.slacks()[t]) < 1e-3) {
        return true;
      }
    }
    return false;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  @Test
  void warmStartReachesTheSameSolutionInFewerIterations() {
    SplittableRandom rng = new SplittableRandom(10);
    QpProblem p = randomProblem(rng, 40, 1, 5, true);
    QpResult cold = IPM.solve(p);
    double[] c2 = p.c().clone();
    c2[3] += 1e-3;
    QpProblem p2 = p.withLinearTerm(c2);
    QpResult coldAgain = IPM.solve(p2);
    QpResult warm = IPM.solve(p2, cold);
    assertThat(FiniteDifferences.relativeError(warm.x(), coldAgain.x())).isLessThan(1e-8);
    assertThat(warm.iterations()).isLessThanOrEqualTo(coldAgain.iterations());
  }

  @Test
  void nonConvexAndInfeasibleProblemsGetClearErrors() {
    double[] q = {1, 0, 0, -1};
    QpProblem nonConvex = QpProblem.withBounds(2, q, new double[] {0, 0}, 0, null, null, new double[2], null);
    assertThatThrownBy(() -> IPM.solve(nonConvex)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test-qp").hasMessageContaining("non-convex");
    double[] id = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    QpProblem infeasible = QpProblem.withBounds(3, id, new double[3], 1, new double[] {1, 1, 1}, new double[] {1},
        new double[3], new double[] {0.1, 0.1, 0.1});
    assertThatThrownBy(() -> IPM.solve(infeasible)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("infeasible");
    assertThatThrownBy(() -> QpProblem.withBounds(1, new double[] {1}, new double[] {0}, 0, null, null,
        new double[] {2}, new double[] {1})).hasMessageContaining("lower 2.0 > upper 1.0");
  }

  /**
   * The solver and the portfolio objective must optimize and score the same matrix: an entry above the diagonal
   * (which the objective ignores) is rejected, as is an instance without assets, each naming the solver.
   */
  @Test
  void portfolioRejectsAFactorThatIsNotLowerTriangularAndAnEmptyInstance() {
    PortfolioQpSolver solver = new PortfolioQpSolver(PortfolioQpSolver.Settings.reference());
    double[] upper = {1, 0, 0, 0.5, 1, 0.3, 0, 0, 1};
    assertThatThrownBy(() -> solver.solve(Matrix.zeros(3, 1), portfolioInstance(upper, 3), new SplittableRandom(1)))
        .hasMessage("portfolio-qp: aux 'cholesky' must be lower-triangular (a Cholesky factor), but entry (1, 2) "
            + "above the diagonal is 0.3");
    assertThatThrownBy(() -> solver.validate(Matrix.zeros(0, 1), portfolioInstance(new double[0], 0)))
        .hasMessage("portfolio-qp: an instance needs at least one asset, got 0");
    double[] lower = {1, 0, 0, 0.5, 1, 0, 0.2, -0.1, 1};
    assertThat(solver.solve(Matrix.column(new double[] {0.1, 0.2, 0.3}), portfolioInstance(lower, 3),
        new SplittableRandom(1)).decision()).hasSize(3);
  }

  static Instance portfolioInstance(double[] l, int n) {
    return new Instance(Matrix.zeros(n, 1), Matrix.zeros(n, 1), Map.of(PortfolioQpSolver.CHOLESKY_AUX_KEY, new Matrix(n, n, l)));
  }

  static double[] lowerFactor(SplittableRandom rng, int n) {
    double[] l = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        l[i * n + j] = i == j ? 0.5 + rng.nextDouble() : rng.nextDouble() - 0.5;
      }
    }
    return l;
  }

  @Test
  void portfolioMatchesBruteForceAndItsBackwardMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(11);
    PortfolioQpSolver solver = new PortfolioQpSolver(PortfolioQpSolver.Settings.reference());
    int checked = 0;
    for (int trial = 0; trial < 10; trial++) {
      int n = 3 + rng.nextInt(4);
      double[] l = lowerFactor(rng, n);
      Instance inst = portfolioInstance(l, n);
      double[] p = FiniteDifferences.random(rng, n, -0.3, 0.3);
      Solution sol = solver.solve(Matrix.column(p), inst, null);
      // reference: max pᵀx − α‖Lx‖² ⇔ min ½xᵀ(2αLᵀL)x − pᵀx over the simplex, all bounds as rows
      double[] q = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          for (int t = 0; t < n; t++) {
            q[i * n + j] += 0.2 * l[t * n + i] * l[t * n + j];
          }
        }
      }
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        c[i] = -p[i];
      }
      double[][] box = BruteForceQp.boxRows(n);
      double[] ones = new double[n];
      Arrays.fill(ones, 1);
      double[] ref = BruteForceQp.solve(n, q, c, 1, ones, new double[] {1}, 2 * n, box[0], box[1]);
      assertThat(FiniteDifferences.relativeError(sol.decision(), ref)).isLessThan(1e-7);
      PortfolioQpSolver.Settings s = solver.settings();
      if (nearlyDegenerate(new PortfolioQpSolver(s).problem(Matrix.column(p), inst), resultOf(sol))) {
        continue;
      }
      double[] g = FiniteDifferences.random(rng, n, -1, 1);
      Matrix fd = FiniteDifferences.vjp(pp -> solver.solve(pp, inst, null).decision(), Matrix.column(p), g, 1e-6);
      assertThat(FiniteDifferences.relativeError(solver.vjp(sol, g).data(), fd.data())).isLessThan(1e-5);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  /** LODL's use: solves for perturbed predictions started from the unperturbed solution agree with cold ones. */
  @Test
  void portfolioWarmStartFromANearbySolutionGivesTheColdSolutionInFewerIterations() {
    SplittableRandom rng = new SplittableRandom(17);
    PortfolioQpSolver solver = new PortfolioQpSolver(PortfolioQpSolver.Settings.reference());
    int n = 50;
    long cold = 0;
    long warm = 0;
    for (int trial = 0; trial < 4; trial++) {
      Instance inst = portfolioInstance(lowerFactor(rng, n), n);
      double[] y = FiniteDifferences.random(rng, n, -0.05, 0.05);
      Solution start = solver.solve(Matrix.column(y), inst, null);
      for (int k = 0; k < 50; k++) {
        double[] p = y.clone();
        for (int i = 0; i < n; i++) {
          p[i] += 0.01 * rng.nextGaussian();
        }
        Solution a = solver.solve(Matrix.column(p), inst, null);
        Solution b = solver.solveFrom(Matrix.column(p), inst, null, start);
        assertThat(FiniteDifferences.relativeError(b.decision(), a.decision())).isLessThan(1e-10);
        assertThat(solver.solveFrom(Matrix.column(p), inst, null, start).decision()).containsExactly(b.decision());
        cold += a.iterations();
        warm += b.iterations();
      }
    }
    assertThat(warm).isLessThan(cold);
    assertThat(solver.deterministic()).isTrue();
    assertThat(solver.threadSafe()).isTrue();
  }

  @Test
  void portfolioActiveSetAgreesWithTheInteriorPointForwardAndBackward() {
    SplittableRandom rng = new SplittableRandom(13);
    PortfolioQpSolver.Settings ref = PortfolioQpSolver.Settings.reference();
    PortfolioQpSolver fast = new PortfolioQpSolver(ref);
    PortfolioQpSolver ipm = new PortfolioQpSolver(new PortfolioQpSolver.Settings(ref.alpha(), ref.quadraticForm(),
        false, PortfolioQpSolver.Method.INTERIOR_POINT, ref.qp()));
    PortfolioQpSolver warm = new PortfolioQpSolver(new PortfolioQpSolver.Settings(ref.alpha(),
        PortfolioQpSolver.QuadraticForm.COVARIANCE, true, PortfolioQpSolver.Method.ACTIVE_SET, ref.qp()));
    PortfolioQpSolver warmIpm = new PortfolioQpSolver(new PortfolioQpSolver.Settings(ref.alpha(),
        PortfolioQpSolver.QuadraticForm.COVARIANCE, false, PortfolioQpSolver.Method.INTERIOR_POINT, ref.qp()));
    int compared = 0;
    for (int trial = 0; trial < 8; trial++) {
      int n = 50;
      Instance inst = portfolioInstance(lowerFactor(rng, n), n);
      double[] p = FiniteDifferences.random(rng, n, -1, 1);
      Solution a = fast.solve(Matrix.column(p), inst, null);
      Solution b = ipm.solve(Matrix.column(p), inst, null);
      QpProblem chol = ipm.problem(Matrix.column(p), inst);
      assertThat(objective(chol, a.decision())).isCloseTo(objective(chol, b.decision()), org.assertj.core.data.Offset.offset(1e-8));
      assertThat(objective(chol, a.decision())).isLessThanOrEqualTo(objective(chol, b.decision()) + 1e-12);
      assertThat(FiniteDifferences.relativeError(a.decision(), b.decision())).isLessThan(1e-4);
      double[] g = FiniteDifferences.random(rng, n, -1, 1);
      if (!nearlyDegenerate(chol, resultOf(b))) {
        assertThat(FiniteDifferences.relativeError(fast.vjp(a, g).data(), ipm.vjp(b, g).data())).isLessThan(1e-6);
        compared++;
      }
      // covariance form with warm starts across calls: the same optimum (objective within the interior point's
      // duality gap m·μ ≈ 5e-9; x itself can differ by ~√μ where a bound is nearly degenerate)
      Solution w = warm.solve(Matrix.column(p), inst, null);
      Solution v = warmIpm.solve(Matrix.column(p), inst, null);
      QpProblem qp = warmIpm.problem(Matrix.column(p), inst);
      assertThat(objective(qp, w.decision())).isCloseTo(objective(qp, v.decision()), org.assertj.core.data.Offset.offset(1e-8));
      assertThat(FiniteDifferences.relativeError(w.decision(), v.decision())).isLessThan(1e-4);
    }
    assertThat(compared).isGreaterThanOrEqualTo(3);
  }

  static double objective(QpProblem p, double[] x) {
    int n = p.n();
    double v = 0;
    for (int i = 0; i < n; i++) {
      v += p.c()[i] * x[i];
      for (int j = 0; j < n; j++) {
        v += 0.5 * x[i] * p.q()[i * n + j] * x[j];
      }
    }
    return v;
  }

  private static QpResult resultOf(Solution sol) {
    try {
      var f = sol.backwardState().getClass().getDeclaredMethod("result");
      f.setAccessible(true);
      return (QpResult) f.invoke(sol.backwardState());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void denseQpSolverReadsItsAuxAndNamesBadKeys() {
    SplittableRandom rng = new SplittableRandom(12);
    int n = 4;
    QpProblem p = randomProblem(rng, n, 1, 2, false);
    double[] pred = new double[n];
    for (int i = 0; i < n; i++) {
      pred[i] = -p.c()[i];
    }
    Instance inst = new Instance(Matrix.zeros(n, 1), Matrix.zeros(n, 1), Map.of(
        DenseQpSolver.Q_KEY, new Matrix(n, n, p.q()), DenseQpSolver.A_KEY, new Matrix(1, n, p.a()),
        DenseQpSolver.B_KEY, new Matrix(1, 1, p.b()), DenseQpSolver.G_KEY, new Matrix(2, n, p.g()),
        DenseQpSolver.H_KEY, new Matrix(2, 1, p.h())));
    DenseQpSolver solver = new DenseQpSolver(DenseQpSolver.Settings.defaults());
    Solution sol = solver.solve(Matrix.column(pred), inst, null);
    assertThat(FiniteDifferences.relativeError(sol.decision(), IPM.solve(p).x())).isLessThan(1e-12);
    double[] g = FiniteDifferences.random(rng, n, -1, 1);
    Matrix fd = FiniteDifferences.vjp(pp -> solver.solve(pp, inst, null).decision(), Matrix.column(pred), g, 1e-6);
    assertThat(FiniteDifferences.relativeError(solver.vjp(sol, g).data(), fd.data())).isLessThan(1e-5);
    Instance badShape = new Instance(Matrix.zeros(n, 1), Matrix.zeros(n, 1),
        Map.of(DenseQpSolver.Q_KEY, Matrix.zeros(n, n + 1)));
    assertThatThrownBy(() -> solver.solve(Matrix.column(pred), badShape, null))
        .hasMessageContaining("dense-qp").hasMessageContaining("qp-Q");
  }
}
