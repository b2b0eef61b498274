package org.taskmet.bench.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;
import org.taskmet.embed.TrainingSpec;

/**
 * A decision-focused trial: train a method on a task's data and score its decisions on the test split. The same
 * keys as a {@code taskmet run} config file.
 *
 * @param task task plugin name
 * @param taskConfig the task's config (overrides of its defaults; complete once canonical)
 * @param method method plugin name
 * @param methodConfig the method's config (overrides of its defaults; complete once canonical)
 * @param datasetSeed seeds the data
 * @param seed seeds the model and training
 * @param model model plugin of the predictor, or null for the task's reference predictor ({@code mlp} with the
 *     task's {@link org.taskmet.api.PredictorDefaults})
 * @param modelConfig the model's config (overrides of its defaults; complete once canonical; empty without a model)
 */
public record DecisionTrialSpec(String task, Map<String, Object> taskConfig, String method,
    Map<String, Object> methodConfig, long datasetSeed, long seed,
    // left out of the spec's JSON while unset, so trials without a model keep their ids
    @JsonInclude(JsonInclude.Include.NON_NULL) String model,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> modelConfig) {
  public DecisionTrialSpec {
    taskConfig = taskConfig == null ? Map.of() : new TreeMap<>(taskConfig);
    methodConfig = methodConfig == null ? Map.of() : new TreeMap<>(methodConfig);
    modelConfig = modelConfig == null ? Map.of() : new TreeMap<>(modelConfig);
    if (model == null && !modelConfig.isEmpty()) {
      throw new IllegalArgumentException("a model config " + modelConfig + " needs a model plugin name (--model or "
          + "'model:')");
    }
  }

  /** With the task's reference predictor. */
  public DecisionTrialSpec(String task, Map<String, Object> taskConfig, String method,
      Map<String, Object> methodConfig, long datasetSeed, long seed) {
    this(task, taskConfig, method, methodConfig, datasetSeed, seed, null, Map.of());
  }

  /** What trains this trial's predictor, for the embedding API (the same fields). */
  public TrainingSpec training() {
    return new TrainingSpec(task, taskConfig, method, methodConfig, datasetSeed, seed, model, modelConfig);
  }
}
