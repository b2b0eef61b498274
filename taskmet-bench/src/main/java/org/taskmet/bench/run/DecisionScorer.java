package org.taskmet.bench.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.taskmet.api.Dataset;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.core.eval.DecisionEvaluator;
import org.taskmet.core.eval.EvaluationResult;

/**
 * How a decision-focused trial scores a trained predictor on the test split. A suite with other measures (e.g.
 * regret) declares its own trial kind with its own scorer and reuses everything else of the decision kind.
 */
@FunctionalInterface
public interface DecisionScorer {
  /** The scores of {@code predictor}'s hard decisions on {@code test}, by name; {@code seed} seeds any baseline. */
  Map<String, Double> score(Task task, TrainedPredictor predictor, Dataset test, long seed);

  /**
   * The TaskMet paper's measures: {@code normalizedDq} (0 = random decisions, 1 = oracle), {@code modelDq},
   * {@code randomDq}, {@code optimalDq} and {@code mse}.
   */
  DecisionScorer DECISION_QUALITY = (task, predictor, test, seed) -> {
    EvaluationResult e = DecisionEvaluator.evaluate(task, predictor, test, seed);
    Map<String, Double> s = new LinkedHashMap<>();
    s.put("normalizedDq", e.normalizedDq());
    s.put("modelDq", e.modelDq());
    s.put("randomDq", e.randomDq());
    s.put("optimalDq", e.optimalDq());
    s.put("mse", e.mse());
    return s;
  };
}
