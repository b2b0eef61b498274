package org.taskmet.tasks.pyepo;

import java.util.Locale;
import org.taskmet.api.LinearDecisionProblem.Sense;
import org.taskmet.api.LinearOracle;
import org.taskmet.api.Solver;
import org.taskmet.core.method.ConfigChecks;
import org.taskmet.solvers.lp.LinearOracleSolver;
import org.taskmet.solvers.lp.LinearOracleSolver.Family;
import org.taskmet.solvers.lp.PerturbationNoise;

/**
 * The training solver of a PyEPO task, the one DFL's task loss and TaskMet's outer loss differentiate: the
 * task's exact oracle with one of the {@code linear-oracle} gradient families.
 *
 * @param family {@code spo-plus}, {@code dpo}, {@code fenchel-young}, {@code dbb} or {@code nid}
 * @param sigma perturbation scale of dpo and fenchel-young
 * @param samples perturbed solves per call of dpo and fenchel-young
 * @param lambda interpolation strength of dbb
 */
record TrainingSolverSettings(String family, double sigma, int samples, double lambda) {
  /** The solver over {@code oracle}, or a clear error naming the task and the config field. */
  Solver create(String task, LinearOracle oracle, Sense sense) {
    Family f;
    try {
      f = Family.valueOf(String.valueOf(family).toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(task + ": config field 'training_solver' = '" + family
          + "' is invalid; expected 'spo-plus', 'dpo', 'fenchel-young', 'dbb' or 'nid'", e);
    }
    ConfigChecks.above(task, "training_sigma", sigma, 0);
    ConfigChecks.atLeast(task, "training_samples", samples, 1);
    ConfigChecks.above(task, "training_lambda", lambda, 0);
    return new LinearOracleSolver(task + "/" + family, oracle, sense,
        new LinearOracleSolver.Settings(f, PerturbationNoise.ADDITIVE, sigma, samples, lambda));
  }

  /** The hard-decision solver used to evaluate: the oracle's argmax. */
  static Solver evaluation(String task, LinearOracle oracle, Sense sense) {
    return new LinearOracleSolver(task + "/argmax", oracle, sense, LinearOracleSolver.Settings.of(Family.NID));
  }
}
