package org.taskmet.bench.pyepo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.taskmet.api.Dataset;
import org.taskmet.api.LinearDecisionProblem;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.bench.run.DecisionScorer;
import org.taskmet.core.eval.RegretEvaluator;

/**
 * PyEPO's test metrics ({@code pyepo.metric}): {@code normalizedRegret} (Σ regret / Σ |z*|), {@code
 * unambiguousRegret} (worst decision among tied optima; only for oracles that solve lexicographic problems),
 * {@code mse}, and {@code meanOptimalObjective} (mean z*, a check of the data). Solves on one thread: a sweep
 * already runs its trials side by side.
 */
final class RegretScorer implements DecisionScorer {
  @Override
  public Map<String, Double> score(Task task, TrainedPredictor predictor, Dataset test, long seed) {
    if (!(task.decisionProblem() instanceof LinearDecisionProblem problem)) {
      throw new IllegalArgumentException("the pyepo suite scores regret, which needs a task whose objective is "
          + "linear in the predictions; task '" + task.name() + "' is not");
    }
    RegretEvaluator.Result r = new RegretEvaluator(problem, test, 1).evaluate(predictor);
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("normalizedRegret", r.normalizedRegret());
    if (!Double.isNaN(r.unambiguousRegret())) {
      s.put("unambiguousRegret", r.unambiguousRegret());
    }
    s.put("mse", r.mse());
    s.put("meanOptimalObjective", r.meanOptimalObjective());
    return s;
  }
}
