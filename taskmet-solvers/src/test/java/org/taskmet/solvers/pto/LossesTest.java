package org.taskmet.solvers.pto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;
import org.taskmet.api.LinearDecisionProblem.Sense;
import org.taskmet.api.Matrix;
import org.taskmet.solvers.combinatorial.GridShortestPathOracle;
import org.taskmet.solvers.lp.LinearOracleSolver.Family;
import org.taskmet.solvers.testing.FiniteDifferences;

/**
 * PyEPO's losses, each checked in its own terms: PyEPO's minimization formulas with costs (written out here
 * independently of the reward-form code), finite differences where the loss is differentiable almost
 * everywhere, and the maximization sense as the mirror image.
 */
class LossesTest {
  private static final GridShortestPathOracle GRID = new GridShortestPathOracle(3, 4);
  private static final int D = GRID.arcCount();

  /** argmin costᵀw over paths (PyEPO's shortestPathModel.solve). */
  static double[] shortest(double[] cost) {
    double[] reward = new double[cost.length];
    for (int k = 0; k < cost.length; k++) {
      reward[k] = -cost[k];
    }
    double[] w = new double[cost.length];
    GRID.argmax(reward, null, w);
    return w;
  }

  static Sample costSample(double[] cost) {
    Instance in = new Instance(Matrix.zeros(1, 1), new Matrix(1, cost.length, cost.clone()));
    double[] reward = new double[cost.length];
    for (int k = 0; k < cost.length; k++) {
      reward[k] = -cost[k];
    }
    double[] w = shortest(cost);
    return new Sample(in, reward, w, -FiniteDifferences.dot(cost, w));
  }

  static double[] costs(SplittableRandom rng) {
    return rng.doubles(D, 0.1, 2).toArray();
  }

  @Test
  void spoPlusIsPyeposMinimizationFormula() {
    SplittableRandom rng = new SplittableRandom(1);
    Loss loss = Losses.spoPlus(new CountingOracle(GRID), Sense.MINIMIZE);
    for (int trial = 0; trial < 30; trial++) {
      double[] c = costs(rng);
      double[] cHat = rng.doubles(D, -1, 2).toArray();
      Sample s = costSample(c);
      double[] grad = new double[D];
      double value = loss.value(s, cHat, grad, rng);
      // PyEPO: w_q = argmin (2ĉ − c)ᵀw; loss = −(2ĉ − c)ᵀw_q + 2ĉᵀw* − z*; grad = 2(w* − w_q)
      double[] shifted = new double[D];
      for (int k = 0; k < D; k++) {
        shifted[k] = 2 * cHat[k] - c[k];
      }
      double[] wq = shortest(shifted);
      double[] w = s.optimalDecision();
      double z = FiniteDifferences.dot(c, w);
      assertThat(value).isCloseTo(-FiniteDifferences.dot(shifted, wq) + 2 * FiniteDifferences.dot(cHat, w) - z,
          offset(1e-12));
      for (int k = 0; k < D; k++) {
        assertThat(grad[k]).isEqualTo(2 * (w[k] - wq[k]));
      }
      // it bounds the regret of the prediction from above
      assertThat(value).isGreaterThanOrEqualTo(FiniteDifferences.dot(c, shortest(cHat)) - z - 1e-12);
    }
  }

  @Test
  void perturbedFenchelYoungGradientMatchesFiniteDifferencesWithTheSameNoise() {
    SplittableRandom rng = new SplittableRandom(2);
    Loss loss = Losses.perturbedFenchelYoung(new CountingOracle(GRID), Sense.MINIMIZE, 1.0, 5);
    for (int trial = 0; trial < 10; trial++) {
      Sample s = costSample(costs(rng));
      double[] cHat = rng.doubles(D, 0, 2).toArray();
      long seed = rng.nextLong();
      double[] grad = new double[D];
      loss.value(s, cHat, grad, new SplittableRandom(seed));
      // with the noise fixed the loss is piecewise linear in ĉ: central differences are exact away from kinks
      double[] fd = FiniteDifferences.gradient(ch -> loss.value(s, ch, new double[D], new SplittableRandom(seed)),
          cHat, 1e-7);
      assertThat(FiniteDifferences.relativeError(grad, fd)).isLessThan(1e-6);
      // and the gradient is PyEPO's w* − E[w(ĉ + σZ)]: its entries sum to 0 on a path problem (equal path lengths)
      double sum = 0;
      for (double g : grad) {
        sum += g;
      }
      assertThat(sum).isCloseTo(0, offset(1e-12));
    }
  }

  @Test
  void blackBoxIsPyeposInterpolationOfTheL1RegretLoss() {
    SplittableRandom rng = new SplittableRandom(3);
    double lambda = 20;
    Loss loss = Losses.regretThroughSolver(new CountingOracle(GRID), Sense.MINIMIZE, Family.DBB, lambda);
    int nonZero = 0;
    for (int trial = 0; trial < 40; trial++) {
      double[] c = costs(rng);
      double[] cHat = rng.doubles(D, 0, 2).toArray();
      Sample s = costSample(c);
      double[] grad = new double[D];
      double value = loss.value(s, cHat, grad, rng);
      double[] wp = shortest(cHat);
      double regret = FiniteDifferences.dot(c, wp) - FiniteDifferences.dot(c, s.optimalDecision());
      assertThat(value).isCloseTo(regret, offset(1e-12));
      // PyEPO: dL/dw = sign(cᵀw − z)·c; cq = ĉ + λ·dL/dw; grad = (w(cq) − w(ĉ)) / λ
      double[] cq = new double[D];
      for (int k = 0; k < D; k++) {
        cq[k] = cHat[k] + lambda * Math.signum(regret) * c[k];
      }
      double[] wq = shortest(cq);
      for (int k = 0; k < D; k++) {
        assertThat(grad[k]).isCloseTo((wq[k] - wp[k]) / lambda, offset(1e-15));
        nonZero += grad[k] != 0 ? 1 : 0;
      }
    }
    assertThat(nonZero).isPositive();
  }

  @Test
  void negativeIdentityPassesMinusTheDecisionGradientForCostsAndPlusForValues() {
    SplittableRandom rng = new SplittableRandom(4);
    double[] c = costs(rng);
    double[] cHat = rng.doubles(D, 0, 2).toArray();
    Sample s = costSample(c);
    double[] grad = new double[D];
    double value = Losses.regretThroughSolver(new CountingOracle(GRID), Sense.MINIMIZE, Family.NID, 1)
        .value(s, cHat, grad, rng);
    assertThat(value).isPositive();
    for (int k = 0; k < D; k++) {
      assertThat(grad[k]).isEqualTo(-c[k]); // −I · dL/dw with dL/dw = sign(regret)·c = c
    }
    // the same problem as rewards to maximize: values = −costs, the gradient in the values is +dL/dw
    double[] values = new double[D];
    double[] vHat = new double[D];
    for (int k = 0; k < D; k++) {
      values[k] = -c[k];
      vHat[k] = -cHat[k];
    }
    Sample max = new Sample(new Instance(Matrix.zeros(1, 1), new Matrix(1, D, values)), values,
        s.optimalDecision(), s.optimalValue());
    double[] gradMax = new double[D];
    assertThat(Losses.regretThroughSolver(new CountingOracle(GRID), Sense.MAXIMIZE, Family.NID, 1)
        .value(max, vHat, gradMax, rng)).isEqualTo(value);
    for (int k = 0; k < D; k++) {
      assertThat(gradMax[k]).isEqualTo(c[k]); // dL/dw = sign(z* − vᵀw)·(−v) = c
    }
  }

  @Test
  void perturbedOptimizerIsPyeposScoreFunctionEstimateOfTheL1DecisionLoss() {
    SplittableRandom rng = new SplittableRandom(5);
    double sigma = 1.0;
    int samples = 3;
    Loss loss = Losses.perturbedOptimizer(new CountingOracle(GRID), Sense.MINIMIZE, sigma, samples);
    for (int trial = 0; trial < 10; trial++) {
      Sample s = costSample(costs(rng));
      double[] cHat = rng.doubles(D, 0, 2).toArray();
      long seed = rng.nextLong();
      double[] grad = new double[D];
      double value = loss.value(s, cHat, grad, new SplittableRandom(seed));
      // replay the noise: the solver perturbs the rewards −ĉ by +σZ, i.e. the costs by −σZ
      SplittableRandom replay = new SplittableRandom(seed);
      double[][] z = new double[samples][D];
      double[][] w = new double[samples][];
      double[] mean = new double[D];
      for (int m = 0; m < samples; m++) {
        double[] perturbed = new double[D];
        for (int k = 0; k < D; k++) {
          z[m][k] = -replay.nextGaussian(); // the cost-space noise
          perturbed[k] = cHat[k] + sigma * z[m][k];
        }
        w[m] = shortest(perturbed);
        for (int k = 0; k < D; k++) {
          mean[k] += w[m][k] / samples;
        }
      }
      double l1 = 0;
      double[] dw = new double[D];
      for (int k = 0; k < D; k++) {
        l1 += Math.abs(mean[k] - s.optimalDecision()[k]) / D;
        dw[k] = Math.signum(mean[k] - s.optimalDecision()[k]) / D;
      }
      assertThat(value).isCloseTo(l1, offset(1e-15));
      // PyEPO's perturbedOpt backward: Σ_m (dL/dwᵀ w_m) Z_m / (M σ)
      for (int k = 0; k < D; k++) {
        double expected = 0;
        for (int m = 0; m < samples; m++) {
          expected += FiniteDifferences.dot(dw, w[m]) * z[m][k] / (samples * sigma);
        }
        assertThat(grad[k]).isCloseTo(expected, offset(1e-12));
      }
    }
  }

  @Test
  void twoStageIsTheMeanSquaredErrorWithItsGradient() {
    SplittableRandom rng = new SplittableRandom(6);
    Sample s = costSample(costs(rng));
    double[] p = rng.doubles(D, 0, 2).toArray();
    double[] grad = new double[D];
    Loss loss = Losses.twoStage();
    loss.value(s, p, grad, rng);
    double[] fd = FiniteDifferences.gradient(x -> loss.value(s, x, new double[D], rng), p, 1e-6);
    assertThat(FiniteDifferences.relativeError(grad, fd)).isLessThan(1e-8);
  }
}
