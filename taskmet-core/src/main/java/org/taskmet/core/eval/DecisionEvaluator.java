package org.taskmet.core.eval;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.taskmet.api.Dataset;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Solver;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.core.plugin.CheckedDecisionProblem;

/**
 * The evaluation protocol of taskmet.md §2.1: normalized decision quality on the test set with the
 * task's evaluation (hard) solver, plus the test MSE.
 *
 * <p>The random baseline solves for {@link DecisionProblem#randomPredictions} (by default Ŷ ~ U[0,1] of the
 * targets' shape, as the reference does), {@value #REPEATS} times; the optimal decisions come from the true Y,
 * also averaged over {@value #REPEATS} repeats when the solver is randomized (the budget task's random
 * restarts). A {@link Solver#deterministic() deterministic} solver gives the same decision every repeat, so it
 * solves once. Randomness: one generator seeded by
 * {@code seed} mixed with a fixed salt, used in the order model decisions, random baseline, optimal
 * decisions. The salt matters: tasks seed their data generators with the raw dataset seed, and an
 * evaluation seed equal to it would otherwise replay the very draws that generated the test features as
 * "random" predictions (measured on cubic: random DQ 0.25 instead of ≈ 0, normalized DQ off by 0.2).
 */
public final class DecisionEvaluator {
  /** Repeats of the random and optimal baselines (the reference's 10). */
  public static final int REPEATS = 10;
  private static final long SALT = 0x6A09E667F3BCC909L;

  private DecisionEvaluator() {}

  /**
   * Scores {@code predictor} on {@code test}.
   *
   * @throws IllegalStateException when a prediction is not finite, or the optimal and random decision
   *     qualities coincide so the normalization is undefined
   */
  public static EvaluationResult evaluate(Task task, TrainedPredictor predictor, Dataset test, long seed) {
    if (test.size() == 0) {
      throw new IllegalArgumentException("evaluation of task '" + task.name() + "': test set '" + test.name()
          + "' is empty");
    }
    RandomGenerator rng = new SplittableRandom(seed ^ SALT);
    DecisionProblem problem = CheckedDecisionProblem.of(task);
    Solver solver = problem.evaluationSolver();
    double modelDq = 0;
    double sq = 0;
    long entries = 0;
    for (int i = 0; i < test.size(); i++) {
      Instance in = test.get(i);
      Matrix pred = predictor.predict(in.features());
      if (!pred.isFinite()) {
        throw new IllegalStateException("evaluation of task '" + task.name() + "': the predictor produced a "
            + "non-finite prediction on test instance " + i);
      }
      modelDq += decisionQuality(problem, solver, pred, in, rng);
      double[] p = pred.data();
      double[] y = in.targets().data();
      for (int k = 0; k < p.length; k++) {
        double e = p[k] - y[k];
        sq += e * e;
      }
      entries += p.length;
    }
    modelDq /= test.size();
    double randomDq = 0;
    for (int r = 0; r < REPEATS; r++) {
      for (Instance in : test.instances()) {
        randomDq += decisionQuality(problem, solver, problem.randomPredictions(in, rng), in, rng);
      }
    }
    randomDq /= (double) REPEATS * test.size();
    int optimalRepeats = solver.deterministic() ? 1 : REPEATS;
    double optimalDq = 0;
    for (int r = 0; r < optimalRepeats; r++) {
      for (Instance in : test.instances()) {
        optimalDq += decisionQuality(problem, solver, in.targets(), in, rng);
      }
    }
    optimalDq /= (double) optimalRepeats * test.size();
    double span = optimalDq - randomDq;
    if (!(Math.abs(span) > 1e-12 * Math.max(1, Math.abs(optimalDq)))) {
      throw new IllegalStateException("evaluation of task '" + task.name() + "': optimal DQ " + optimalDq
          + " and random DQ " + randomDq + " coincide; normalized DQ is undefined");
    }
    return new EvaluationResult(modelDq, randomDq, optimalDq, (modelDq - randomDq) / span, sq / entries);
  }

  /** obj(z(predictions), Y_true) for one instance with the given solver. */
  public static double decisionQuality(
      DecisionProblem problem, Solver solver, Matrix predictions, Instance instance, RandomGenerator rng) {
    double[] z = solver.solve(predictions, instance, rng).decision();
    return problem.objective(instance, z, instance.targets());
  }
}
