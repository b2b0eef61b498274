package org.taskmet.solvers.pto;

import org.taskmet.api.LinearDecisionProblem.Sense;
import org.taskmet.api.LinearOracle;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solution;
import org.taskmet.solvers.lp.LinearOracleSolver;
import org.taskmet.solvers.lp.LinearOracleSolver.Family;
import org.taskmet.solvers.lp.OracleLosses;
import org.taskmet.solvers.lp.PerturbationNoise;
import org.taskmet.solvers.lp.Perturbations;

/**
 * The six per-instance losses of PyEPO's notebook "03 Training and Testing", written with the oracle gradients
 * of {@link org.taskmet.solvers.lp}. Every formula is PyEPO's: its minimization form with costs equals the
 * maximization form here with rewards c = sense · targets; gradients are returned in the task's units.
 */
final class Losses {
  private Losses() {}

  /** Two-stage: {@code nn.MSELoss()}, the mean over the entries of (ĉ − c)². */
  static Loss twoStage() {
    return (sample, pred, grad, rng) -> {
      double[] y = sample.instance().targets().data();
      double s = 0;
      for (int k = 0; k < pred.length; k++) {
        double e = pred[k] - y[k];
        s += e * e;
        grad[k] = 2 * e / pred.length;
      }
      return s / pred.length;
    };
  }

  /** SPO+ ({@code pyepo.func.SPOPlus}): one oracle call, for z*(2ĉ − c); the optimum z*(c) is precomputed. */
  static Loss spoPlus(LinearOracle oracle, Sense sense) {
    int sign = sense.sign();
    return (sample, pred, grad, rng) -> {
      double[] cHat = scaled(pred, sign);
      double loss = OracleLosses.spoPlus(oracle, sample.instance(), cHat, sample.rewards(), sample.optimalDecision(),
          grad);
      scale(grad, sign);
      return loss;
    };
  }

  /** PFYL ({@code pyepo.func.perturbedFenchelYoung}): {@code samples} perturbed solves at ĉ + σZ. */
  static Loss perturbedFenchelYoung(LinearOracle oracle, Sense sense, double sigma, int samples) {
    int sign = sense.sign();
    return (sample, pred, grad, rng) -> {
      double[] cHat = scaled(pred, sign);
      Perturbations p = Perturbations.draw(oracle, sample.instance(), cHat, PerturbationNoise.ADDITIVE, sigma, samples,
          rng);
      double loss = OracleLosses.fenchelYoung(p, cHat, sample.optimalDecision(), grad);
      scale(grad, sign);
      return loss;
    };
  }

  /**
   * DBB ({@code pyepo.func.blackboxOpt}, interpolation λ) or NID ({@code pyepo.func.negativeIdentity}) with the
   * notebook's loss: {@code nn.L1Loss()} between the true objective of the predicted decision and the optimum,
   * i.e. the regret |cᵀz*(ĉ) − z*|, whose decision cotangent is −sign(regret)·c (0 when the decision is optimal,
   * as torch's sign(0) = 0).
   */
  static Loss regretThroughSolver(LinearOracle oracle, Sense sense, Family family, double lambda) {
    LinearOracleSolver solver = new LinearOracleSolver(family.name().toLowerCase(java.util.Locale.ROOT), oracle, sense,
        new LinearOracleSolver.Settings(family, PerturbationNoise.ADDITIVE, 1.0, 1, lambda));
    return (sample, pred, grad, rng) -> {
      Solution sol = solver.solve(new Matrix(1, pred.length, pred), sample.instance(), rng);
      double[] c = sample.rewards();
      double[] z = sol.decision();
      double achieved = 0;
      for (int k = 0; k < c.length; k++) {
        achieved += c[k] * z[k];
      }
      double regret = sample.optimalValue() - achieved;
      double s = Math.signum(regret);
      double[] g = new double[c.length];
      for (int k = 0; k < c.length; k++) {
        g[k] = -s * c[k];
      }
      System.arraycopy(solver.vjp(sol, g).data(), 0, grad, 0, grad.length);
      return Math.abs(regret);
    };
  }

  /**
   * DPO ({@code pyepo.func.perturbedOpt}, {@code samples} solves at ĉ + σZ) with the notebook's loss:
   * {@code nn.L1Loss()} between the perturbed decision E[z] and the optimal decision z*.
   */
  static Loss perturbedOptimizer(LinearOracle oracle, Sense sense, double sigma, int samples) {
    LinearOracleSolver solver = new LinearOracleSolver("dpo", oracle, sense,
        new LinearOracleSolver.Settings(Family.DPO, PerturbationNoise.ADDITIVE, sigma, samples, 1.0));
    return (sample, pred, grad, rng) -> {
      Solution sol = solver.solve(new Matrix(1, pred.length, pred), sample.instance(), rng);
      double[] z = sol.decision();
      double[] zStar = sample.optimalDecision();
      double loss = 0;
      double[] g = new double[z.length];
      for (int k = 0; k < z.length; k++) {
        loss += Math.abs(z[k] - zStar[k]);
        g[k] = Math.signum(z[k] - zStar[k]) / z.length;
      }
      System.arraycopy(solver.vjp(sol, g).data(), 0, grad, 0, grad.length);
      return loss / z.length;
    };
  }

  private static double[] scaled(double[] v, int sign) {
    double[] out = v.clone();
    scale(out, sign);
    return out;
  }

  private static void scale(double[] v, int sign) {
    if (sign < 0) {
      for (int k = 0; k < v.length; k++) {
        v[k] = -v[k];
      }
    }
  }
}
