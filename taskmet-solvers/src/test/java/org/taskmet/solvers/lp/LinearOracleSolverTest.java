package org.taskmet.solvers.lp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.solvers.lp.LinearOracleSolver.Family;
import org.taskmet.solvers.lp.LinearOracleSolver.Settings;
import org.taskmet.solvers.testing.FiniteDifferences;

class LinearOracleSolverTest {
  static final NormalDistribution STD_NORMAL = new NormalDistribution(0, 1);

  static Instance items(int n) {
    return new Instance(Matrix.zeros(n, 1), Matrix.zeros(n, 1));
  }

  /** All 0/1 vectors with exactly k ones: a combinatorial set for the finite-set oracle. */
  static Instance kSubsets(int n, int k) {
    java.util.List<double[]> rows = new java.util.ArrayList<>();
    for (int mask = 0; mask < (1 << n); mask++) {
      if (Integer.bitCount(mask) == k) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
          r[i] = (mask >> i) & 1;
        }
        rows.add(r);
      }
    }
    return new Instance(Matrix.zeros(n, 1), Matrix.zeros(n, 1),
        Map.of(FiniteSetOracle.CANDIDATES_AUX_KEY, Matrix.of(rows.toArray(double[][]::new))));
  }

  @Test
  void oraclesReturnMaximizersFoundByBruteForce() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int trial = 0; trial < 30; trial++) {
      int n = 3 + rng.nextInt(5);
      int k = 1 + rng.nextInt(n - 1);
      double[] c = FiniteDifferences.random(rng, n, -1, 1);
      double[] z = new double[n];
      new FiniteSetOracle().argmax(c, kSubsets(n, k), z);
      // brute force: the top-k coordinates of c
      double[] sorted = c.clone();
      java.util.Arrays.sort(sorted);
      double best = 0;
      for (int i = 0; i < k; i++) {
        best += sorted[n - 1 - i];
      }
      assertThat(FiniteDifferences.dot(c, z)).isCloseTo(best, offset(1e-12));
      new ArgmaxOracle().argmax(c, items(n), z);
      assertThat(FiniteDifferences.dot(c, z)).isEqualTo(sorted[n - 1]);
    }
  }

  /** SPO+ loss as a function of ĉ, for finite differences and the subgradient inequality. */
  static double spo(double[] cHat, double[] c, Instance inst) {
    return OracleLosses.spoPlus(new FiniteSetOracle(), inst, cHat, c).loss();
  }

  @Test
  void spoPlusIsAConvexNonNegativeSurrogateWithTheStatedSubgradient() {
    SplittableRandom rng = new SplittableRandom(2);
    Instance inst = kSubsets(6, 2);
    LinearOracleSolver solver = new LinearOracleSolver("lp", new FiniteSetOracle(), Settings.of(Family.SPO_PLUS));
    for (int trial = 0; trial < 30; trial++) {
      double[] c = FiniteDifferences.random(rng, 6, -1, 1);
      double[] cHat = FiniteDifferences.random(rng, 6, -1, 1);
      assertThat(spo(c, c, inst)).isCloseTo(0, offset(1e-12));
      double loss = spo(cHat, c, inst);
      assertThat(loss).isGreaterThanOrEqualTo(-1e-12);
      // the loss bounds the regret from above
      double[] zHat = new double[6];
      double[] zStar = new double[6];
      new FiniteSetOracle().argmax(cHat, inst, zHat);
      new FiniteSetOracle().argmax(c, inst, zStar);
      assertThat(loss).isGreaterThanOrEqualTo(FiniteDifferences.dot(c, zStar) - FiniteDifferences.dot(c, zHat) - 1e-12);
      // the solver's VJP with g = −c is the subgradient: ℓ(ĉ') ≥ ℓ(ĉ) + ∇ᵀ(ĉ' − ĉ), and equals FD a.e.
      Solution sol = solver.solve(Matrix.column(cHat), inst, null);
      double[] grad = solver.vjp(sol, negate(c)).data();
      for (int probe = 0; probe < 5; probe++) {
        double[] other = FiniteDifferences.random(rng, 6, -1, 1);
        double[] diff = new double[6];
        for (int i = 0; i < 6; i++) {
          diff[i] = other[i] - cHat[i];
        }
        assertThat(spo(other, c, inst)).isGreaterThanOrEqualTo(loss + FiniteDifferences.dot(grad, diff) - 1e-12);
      }
      double[] fd = FiniteDifferences.gradient(ch -> spo(ch, c, inst), cHat, 1e-7);
      assertThat(FiniteDifferences.relativeError(grad, fd)).isLessThan(1e-6);
    }
  }

  @Test
  void dpoVjpMatchesTheClosedFormDerivativeOfTheTwoItemProbit() {
    // n = 2: ẑ_σ(ĉ)_0 = P(ĉ_0 + σZ_0 > ĉ_1 + σZ_1) = Φ((ĉ_0 − ĉ_1)/(σ√2))
    double[] cHat = {0.3, -0.1};
    double sigma = 0.7;
    int samples = 200_000;
    for (PerturbationNoise noise : PerturbationNoise.values()) {
      double[] c = noise == PerturbationNoise.ADDITIVE ? cHat : new double[] {1.3, 0.9};
      LinearOracleSolver solver = new LinearOracleSolver("lp", new ArgmaxOracle(),
          new Settings(Family.DPO, noise, sigma, samples, 10));
      Solution sol = solver.solve(Matrix.column(c), items(2), new SplittableRandom(3));
      double s2 = sigma * Math.sqrt(2);
      double d = noise == PerturbationNoise.ADDITIVE ? (c[0] - c[1]) / s2 : Math.log(c[0] / c[1]) / s2;
      assertThat(sol.decision()[0]).isCloseTo(STD_NORMAL.cumulativeProbability(d), offset(5e-3));
      double density = STD_NORMAL.density(d) / s2;
      // d ẑ_0 / d ĉ_0 and d ẑ_0 / d ĉ_1
      double[] exact = noise == PerturbationNoise.ADDITIVE
          ? new double[] {density, -density} : new double[] {density / c[0], -density / c[1]};
      double[] vjp = solver.vjp(sol, new double[] {1, 0}).data();
      assertThat(vjp[0]).as("%s", noise).isCloseTo(exact[0], offset(0.02 * Math.abs(exact[0]) + 2e-3));
      assertThat(vjp[1]).as("%s", noise).isCloseTo(exact[1], offset(0.02 * Math.abs(exact[1]) + 2e-3));
    }
  }

  @Test
  void fenchelYoungGradientIsTheExactGradientOfTheSampledSmoothedMax() {
    // with the noises fixed, F̂(ĉ) is piecewise linear in ĉ and its gradient is the stated estimator
    SplittableRandom rng = new SplittableRandom(4);
    Instance inst = kSubsets(5, 2);
    for (PerturbationNoise noise : PerturbationNoise.values()) {
      double[] cHat = FiniteDifferences.random(rng, 5, 0.2, 1.5);
      double[] zTrue = {1, 0, 0, 1, 0};
      long seed = rng.nextLong();
      OracleLosses.LossGradient lg = OracleLosses.fenchelYoung(new FiniteSetOracle(), inst, cHat, zTrue, noise, 0.5, 50,
          new SplittableRandom(seed));
      double[] fd = FiniteDifferences.gradient(ch -> OracleLosses.fenchelYoung(new FiniteSetOracle(), inst, ch, zTrue,
          noise, 0.5, 50, new SplittableRandom(seed)).loss(), cHat, 1e-7);
      assertThat(FiniteDifferences.relativeError(lg.gradient(), fd)).as("%s", noise).isLessThan(1e-6);
      // the solver's FY VJP with g = −c uses z_true = z*(c)
      double[] c = FiniteDifferences.random(rng, 5, -1, 1);
      LinearOracleSolver solver = new LinearOracleSolver("lp", new FiniteSetOracle(),
          new Settings(Family.FENCHEL_YOUNG, noise, 0.5, 50, 10));
      Solution sol = solver.solve(Matrix.column(cHat), inst, new SplittableRandom(seed));
      double[] zStar = new double[5];
      new FiniteSetOracle().argmax(c, inst, zStar);
      double[] expected = OracleLosses.fenchelYoung(new FiniteSetOracle(), inst, cHat, zStar, noise, 0.5, 50,
          new SplittableRandom(seed)).gradient();
      assertThat(solver.vjp(sol, negate(c)).data()).containsExactly(expected, offset(1e-15));
    }
  }

  @Test
  void dbbIsTheGradientOfTheInterpolationAndNidIsTheIdentity() {
    double[] cHat = {0.5, 0.4, 0.0};
    LinearOracleSolver dbb = new LinearOracleSolver("lp", new ArgmaxOracle(), new Settings(Family.DBB,
        PerturbationNoise.ADDITIVE, 1, 1, 1.0));
    Solution sol = dbb.solve(Matrix.column(cHat), items(3), null);
    assertThat(sol.decision()).containsExactly(1, 0, 0);
    // g rewards item 1: ĉ − λg = (0.5, 0.6, 0) flips the decision to item 1, so the gradient is (e_0 − e_1)/λ
    double[] g = {0, -0.2, 0};
    assertThat(dbb.vjp(sol, g).data()).containsExactly(1, -1, 0);
    // a cotangent too small to flip the decision gives no gradient
    assertThat(dbb.vjp(sol, new double[] {0, -0.05, 0}).data()).containsExactly(0, 0, 0);
    LinearOracleSolver nid = new LinearOracleSolver("lp", new ArgmaxOracle(), Settings.of(Family.NID));
    assertThat(nid.vjp(nid.solve(Matrix.column(cHat), items(3), null), g).data()).containsExactly(g);
  }

  @Test
  void minimizingOnCostsIsMaximizingOnNegatedCostsWithTheGradientNegated() {
    SplittableRandom rng = new SplittableRandom(6);
    Instance inst = kSubsets(6, 2);
    for (Family family : Family.values()) {
      Settings settings = new Settings(family, PerturbationNoise.ADDITIVE, 0.5, 7, 3.0);
      LinearOracleSolver costs = new LinearOracleSolver("min", new FiniteSetOracle(),
          org.taskmet.api.LinearDecisionProblem.Sense.MINIMIZE, settings);
      LinearOracleSolver rewards = new LinearOracleSolver("max", new FiniteSetOracle(), settings);
      double[] cost = FiniteDifferences.random(rng, 6, 0, 2);
      double[] g = FiniteDifferences.random(rng, 6, -1, 1);
      long seed = rng.nextLong();
      Solution a = costs.solve(Matrix.column(cost), inst, new SplittableRandom(seed));
      Solution b = rewards.solve(Matrix.column(negate(cost)), inst, new SplittableRandom(seed));
      assertThat(a.decision()).as("%s", family).containsExactly(b.decision());
      assertThat(costs.vjp(a, g).data()).as("%s", family).containsExactly(negate(rewards.vjp(b, g).data()));
    }
  }

  @Test
  void perturbedSolvesAreReproducibleAndBadInputIsNamed() {
    LinearOracleSolver dpo = new LinearOracleSolver("lp-dpo", new ArgmaxOracle(), Settings.of(Family.DPO));
    double[] c = {0.1, 0.2, 0.3};
    assertThat(dpo.solve(Matrix.column(c), items(3), new SplittableRandom(5)).decision())
        .containsExactly(dpo.solve(Matrix.column(c), items(3), new SplittableRandom(5)).decision());
    assertThatThrownBy(() -> dpo.solve(Matrix.column(new double[] {1, 2}), items(3), new SplittableRandom(1)))
        .hasMessageContaining("lp-dpo").hasMessageContaining("expects 3");
    LinearOracleSolver mul = new LinearOracleSolver("lp-mul", new ArgmaxOracle(),
        new Settings(Family.DPO, PerturbationNoise.MULTIPLICATIVE, 1, 10, 10));
    assertThatThrownBy(() -> mul.solve(Matrix.column(new double[] {1, 0, 2}), items(3), new SplittableRandom(1)))
        .hasMessageContaining("reward 1 is 0");
    assertThatThrownBy(() -> dpo.solve(Matrix.column(c), items(3), null)).hasMessageContaining("RandomGenerator");
  }

  static double[] negate(double[] v) {
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = -v[i];
    }
    return o;
  }
}
