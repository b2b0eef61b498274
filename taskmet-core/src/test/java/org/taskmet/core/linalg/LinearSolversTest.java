package org.taskmet.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The iterative solvers against Commons Math direct solves (Cholesky for SPD, LU for indefinite). */
class LinearSolversTest {
  private static final SolveOptions TIGHT = new SolveOptions(0.0, 500, 1e-12, 0.0, null);

  /** Random SPD: MᵀM/n + shift·I (condition number roughly (4 + shift)/shift). */
  static double[][] randomSpd(int n, double shift, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] m = new double[n][n];
    for (double[] row : m) {
      for (int j = 0; j < n; j++) {
        row[j] = rng.nextDouble(-1, 1);
      }
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < n; p++) {
          s += m[p][i] * m[p][j];
        }
        a[i][j] = s / n + (i == j ? shift : 0);
      }
    }
    return a;
  }

  /** Random symmetric indefinite: Q diag(λ) Qᵀ with |λ| in [0.5, 3], signs alternating. */
  static double[][] randomIndefinite(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] m = new double[n][n];
    for (double[] row : m) {
      for (int j = 0; j < n; j++) {
        row[j] = rng.nextDouble(-1, 1);
      }
    }
    RealMatrix q = new org.apache.commons.math3.linear.QRDecomposition(new Array2DRowRealMatrix(m)).getQ();
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) {
      lambda[i] = (i % 2 == 0 ? 1 : -1) * rng.nextDouble(0.5, 3);
    }
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < n; p++) {
          s += q.getEntry(i, p) * lambda[p] * q.getEntry(j, p);
        }
        a[i][j] = s;
      }
    }
    return a;
  }

  static double[] randomVector(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble(-1, 1);
    }
    return v;
  }

  static DenseOperator operator(double[][] a) {
    int n = a.length;
    double[] flat = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, flat, i * n, n);
    }
    return new DenseOperator(n, flat);
  }

  static double[][] plusRidge(double[][] a, double ridge) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
      c[i][i] += ridge;
    }
    return c;
  }

  static double[] cholesky(double[][] a, double[] b) {
    return new CholeskyDecomposition(new Array2DRowRealMatrix(a)).getSolver().solve(new ArrayRealVector(b))
        .toArray();
  }

  static double[] lu(double[][] a, double[] b) {
    return new LUDecomposition(new Array2DRowRealMatrix(a)).getSolver().solve(new ArrayRealVector(b)).toArray();
  }

  static void assertClose(double[] actual, double[] expected, double relTol) {
    double diff = 0;
    double ref = 0;
    for (int i = 0; i < expected.length; i++) {
      diff += (actual[i] - expected[i]) * (actual[i] - expected[i]);
      ref += expected[i] * expected[i];
    }
    assertThat(Math.sqrt(diff)).as("‖x − x_direct‖").isLessThanOrEqualTo(relTol * Math.sqrt(ref));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cg", "jacobi-cg", "minres", "normal-cg"})
  void spdSystemsMatchCholesky(String solverName) {
    for (int n : new int[] {1, 7, 40}) {
      double[][] a = randomSpd(n, 0.3, 11 + n);
      double[] b = randomVector(n, 29 + n);
      SolveResult res = LinearSolvers.byName(solverName).solve(operator(a), b, TIGHT);
      assertThat(res.converged()).as(solverName + " n=" + n).isTrue();
      assertThat(res.iterations()).isGreaterThan(0);
      assertClose(res.solution(), cholesky(a, b), 1e-8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"minres", "normal-cg"})
  void indefiniteSystemsMatchLu(String solverName) {
    int n = 30;
    double[][] a = randomIndefinite(n, 5);
    double[] b = randomVector(n, 6);
    SolveResult res = LinearSolvers.byName(solverName).solve(operator(a), b, TIGHT);
    assertThat(res.converged()).isTrue();
    assertClose(res.solution(), lu(a, b), 1e-8);
  }

  @Test
  void ridgeShiftsTheOperator() {
    int n = 25;
    double[][] a = randomSpd(n, 0.05, 3);
    double[] b = randomVector(n, 4);
    double ridge = 0.7;
    SolveOptions opts = TIGHT.withRidge(ridge);
    double[] expected = cholesky(plusRidge(a, ridge), b);
    assertClose(new ConjugateGradient().solve(operator(a), b, opts).solution(), expected, 1e-8);
    assertClose(new JacobiConjugateGradient().solve(operator(a), b, opts).solution(), expected, 1e-8);
    assertClose(new Minres().solve(operator(a), b, opts).solution(), expected, 1e-8);
  }

  @Test
  void normalCgSolvesTheRidgedNormalEquations() {
    int n = 20;
    double[][] a = randomIndefinite(n, 8);
    double[] b = randomVector(n, 9);
    double ridge = 0.3;
    RealMatrix am = new Array2DRowRealMatrix(a);
    double[][] normal = plusRidge(am.multiply(am).getData(), ridge);
    double[] ab = am.operate(b);
    SolveResult res = new NormalConjugateGradient().solve(operator(a), b, TIGHT.withRidge(ridge));
    assertThat(res.converged()).isTrue();
    assertClose(res.solution(), lu(normal, ab), 1e-8);
  }

  @Test
  void normalCgReportsTheNormalResidualWithinTheTaskmetBudget() {
    int n = 50;
    double[][] a = randomIndefinite(n, 12);
    double[] b = randomVector(n, 13);
    SolveResult res = new NormalConjugateGradient().solve(operator(a), b, SolveOptions.taskmetDefaults());
    assertThat(res.iterations()).isEqualTo(5);
    assertThat(res.converged()).isFalse();
    // residual of (A² + 1e-5 I) u = A b, recomputed directly
    RealMatrix am = new Array2DRowRealMatrix(a);
    RealMatrix normal = new Array2DRowRealMatrix(plusRidge(am.multiply(am).getData(), 1e-5));
    double trueResidual = am.operate(new ArrayRealVector(b)).subtract(normal.operate(new ArrayRealVector(res.solution())))
        .getNorm();
    assertThat(res.residualNorm()).isCloseTo(trueResidual, org.assertj.core.data.Offset.offset(1e-9 * (1 + trueResidual)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cg", "jacobi-cg", "minres", "normal-cg"})
  void warmStartAtTheSolutionNeedsNoIteration(String solverName) {
    int n = 30;
    double[][] a = randomSpd(n, 0.2, 21);
    double[] b = randomVector(n, 22);
    double[] exact = cholesky(a, b);
    SolveOptions opts = new SolveOptions(0.0, 100, 1e-8, 0.0, exact);
    SolveResult res = LinearSolvers.byName(solverName).solve(operator(a), b, opts);
    assertThat(res.iterations()).isZero();
    assertThat(res.converged()).isTrue();
    assertThat(res.solution()).containsExactly(exact);
    assertThat(res.solution()).isNotSameAs(exact);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cg", "jacobi-cg", "minres", "normal-cg"})
  void nearbyWarmStartConvergesFasterToTheSameSolution(String solverName) {
    int n = 60;
    double[][] a = randomSpd(n, 0.02, 31);
    double[] b = randomVector(n, 32);
    double[] exact = cholesky(a, b);
    double[] near = exact.clone();
    double[] noise = randomVector(n, 33);
    for (int i = 0; i < n; i++) {
      near[i] += 1e-4 * noise[i];
    }
    SolveOptions cold = new SolveOptions(0.0, 1000, 1e-10, 0.0, null);
    SolveResult coldRes = LinearSolvers.byName(solverName).solve(operator(a), b, cold);
    SolveResult warmRes = LinearSolvers.byName(solverName).solve(operator(a), b, cold.withWarmStart(near));
    assertThat(warmRes.converged()).isTrue();
    assertThat(warmRes.iterations()).isLessThan(coldRes.iterations());
    assertClose(warmRes.solution(), exact, 1e-7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cg", "jacobi-cg", "minres"})
  void budgetStopsEarlyAndReportsTheTrueResidual(String solverName) {
    int n = 80;
    double[][] a = randomSpd(n, 0.001, 41);
    double[] b = randomVector(n, 42);
    SolveResult res = LinearSolvers.byName(solverName).solve(operator(a), b, TIGHT.withMaxIterations(4));
    assertThat(res.iterations()).isEqualTo(4);
    assertThat(res.converged()).isFalse();
    double trueResidual = new ArrayRealVector(b)
        .subtract(new Array2DRowRealMatrix(a).operate(new ArrayRealVector(res.solution()))).getNorm();
    assertThat(res.residualNorm()).isCloseTo(trueResidual, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(trueResidual).isLessThan(new ArrayRealVector(b).getNorm());
  }

  @Test
  void absoluteToleranceStopsWhenItDominates() {
    int n = 40;
    double[][] a = randomSpd(n, 0.01, 51);
    double[] b = randomVector(n, 52);
    SolveResult res = new ConjugateGradient().solve(operator(a), b, new SolveOptions(0, 500, 0.0, 0.5, null));
    assertThat(res.converged()).isTrue();
    assertThat(res.residualNorm()).isLessThanOrEqualTo(0.5);
    SolveResult tight = new ConjugateGradient().solve(operator(a), b, TIGHT);
    assertThat(res.iterations()).isLessThan(tight.iterations());
  }

  @Test
  void zeroRightHandSideGivesZeroWithoutIterating() {
    double[][] a = randomSpd(10, 0.5, 61);
    for (String name : LinearSolvers.NAMES) {
      SolveResult res = LinearSolvers.byName(name).solve(operator(a), new double[10], TIGHT);
      assertThat(res.iterations()).as(name).isZero();
      assertThat(res.solution()).containsOnly(0.0);
    }
  }

  @Test
  void jacobiHelpsOnABadlyScaledSystem() {
    int n = 60;
    double[][] a = randomSpd(n, 0.5, 71);
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      scale[i] = Math.pow(10, 3.0 * i / n);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] *= scale[i] * scale[j];
      }
    }
    double[] b = randomVector(n, 72);
    SolveOptions opts = new SolveOptions(0, 2000, 1e-10, 0, null);
    SolveResult plain = new ConjugateGradient().solve(operator(a), b, opts);
    SolveResult jacobi = new JacobiConjugateGradient().solve(operator(a), b, opts);
    assertThat(jacobi.converged()).isTrue();
    assertThat(jacobi.iterations()).isLessThan(plain.iterations() / 2);
    assertClose(jacobi.solution(), cholesky(a, b), 1e-7);
    // the diagonal can also be given explicitly to a plain matrix-free operator
    double[] diag = new double[n];
    for (int i = 0; i < n; i++) {
      diag[i] = a[i][i];
    }
    DenseOperator dense = operator(a);
    SolveResult explicit = new JacobiConjugateGradient(diag).solve(LinearOperator.of(n, dense::apply), b, opts);
    assertThat(explicit.solution()).containsExactly(jacobi.solution());
  }

  @Test
  void cgDetectsNegativeCurvature() {
    double[][] a = {{-1, 0}, {0, -2}};
    assertThatThrownBy(() -> new ConjugateGradient().solve(operator(a), new double[] {1, 1}, TIGHT))
        .isInstanceOf(ArithmeticException.class).hasMessageContaining("cg").hasMessageContaining("pᵀAp")
        .hasMessageContaining("iteration 1");
  }

  @Test
  void nonFiniteInputsAreRejected() {
    double[][] a = randomSpd(5, 0.5, 81);
    for (String name : LinearSolvers.NAMES) {
      double[] b = randomVector(5, 82);
      b[2] = Double.NaN;
      assertThatThrownBy(() -> LinearSolvers.byName(name).solve(operator(a), b, TIGHT))
          .isInstanceOf(ArithmeticException.class).hasMessageContaining("right-hand side b[2] = NaN");
      double[] x0 = new double[5];
      x0[4] = Double.POSITIVE_INFINITY;
      assertThatThrownBy(() -> LinearSolvers.byName(name).solve(operator(a), randomVector(5, 83),
          TIGHT.withWarmStart(x0))).isInstanceOf(ArithmeticException.class).hasMessageContaining("warm start[4]");
    }
  }

  @Test
  void operatorProducingNaNMidSolveIsReportedWithItsIteration() {
    int n = 20;
    DenseOperator dense = operator(randomSpd(n, 0.01, 91));
    int[] calls = {0};
    LinearOperator flaky = LinearOperator.of(n, (x, out) -> {
      dense.apply(x, out);
      if (++calls[0] == 4) {
        out[3] = Double.NaN;
      }
    });
    for (String name : new String[] {"cg", "minres", "normal-cg"}) {
      calls[0] = 0;
      assertThatThrownBy(() -> LinearSolvers.byName(name).solve(flaky, randomVector(n, 92), TIGHT))
          .as(name).isInstanceOf(ArithmeticException.class).hasMessageContaining(name + ":")
          .hasMessageMatching("(?s).*= NaN at iteration [1-4].*"); // a cold start skips A·0: the 4th call is in 1–4
    }
  }

  @Test
  void sizeMismatchesAndUnknownNamesAreExplained() {
    DenseOperator op = operator(randomSpd(4, 0.5, 1));
    assertThatThrownBy(() -> new Minres().solve(op, new double[3], TIGHT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3").hasMessageContaining("size 4");
    assertThatThrownBy(() -> new ConjugateGradient().solve(op, new double[4], TIGHT.withWarmStart(new double[2])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm start has length 2");
    assertThatThrownBy(() -> LinearSolvers.byName("gmres")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'gmres'").hasMessageContaining("cg, normal-cg, jacobi-cg, minres");
    assertThatThrownBy(() -> new JacobiConjugateGradient().solve(LinearOperator.of(4, op::apply), new double[4], TIGHT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DiagonalOperator");
    assertThatThrownBy(() -> new JacobiConjugateGradient(new double[] {1, -1, 1, 1}).solve(op, new double[4], TIGHT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("diagonal[1] + ridge = -1.0");
    assertThatThrownBy(() -> new SolveOptions(-1, 5, 0, 0, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ridge");
  }

  @Test
  void byNameReturnsFreshSolversWithStableNames() {
    for (String name : LinearSolvers.NAMES) {
      LinearSolver s = LinearSolvers.byName(name);
      assertThat(s.name()).isEqualTo(name);
      assertThat(LinearSolvers.byName(name)).isNotSameAs(s);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cg", "jacobi-cg", "minres", "normal-cg"})
  void iterationsDoNotAllocate(String solverName) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = 400;
    double[] diag = new double[n];
    for (int i = 0; i < n; i++) {
      diag[i] = 1 + i * i;
    }
    DiagonalOperator op = new DiagonalOperator() {
      @Override
      public void apply(double[] x, double[] out) {
        for (int i = 0; i < n; i++) {
          out[i] = diag[i] * x[i];
        }
      }

      @Override
      public int size() {
        return n;
      }

      @Override
      public void diagonal(double[] out) {
        // a deliberately inexact diagonal, so that Jacobi-CG does not finish in one step
        for (int i = 0; i < n; i++) {
          out[i] = 1 + i;
        }
      }
    };
    double[] b = randomVector(n, 7);
    // scalar kernels: until C2 compiles them, Vector API kernels box their vectors, which would hide what this
    // test is about (the solvers' own per-iteration allocation); their steady state is checked in JMH (-prof gc)
    LinearSolver solver = LinearSolvers.byName(solverName, Kernels.scalar());
    SolveOptions few = new SolveOptions(0, 5, 0, 0, null);
    SolveOptions many = few.withMaxIterations(55);
    solver.solve(op, b, many); // sizes the workspace
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    solver.solve(op, b, few);
    long mid = threads.getThreadAllocatedBytes(id);
    SolveResult longRun = solver.solve(op, b, many);
    long after = threads.getThreadAllocatedBytes(id);
    assertThat(longRun.iterations()).isEqualTo(55);
    // 50 extra iterations over 400-vectors would allocate ≥ 160 kB if any vector were allocated per iteration
    assertThat((after - mid) - (mid - before)).as("extra bytes for 50 more iterations").isLessThan(4096);
  }
}
