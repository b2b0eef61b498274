package org.taskmet.bench.run;

import java.util.Map;
import java.util.TreeMap;

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
 */
public record DecisionTrialSpec(String task, Map<String, Object> taskConfig, String method,
    Map<String, Object> methodConfig, long datasetSeed, long seed) {
  public DecisionTrialSpec {
    taskConfig = taskConfig == null ? Map.of() : new TreeMap<>(taskConfig);
    methodConfig = methodConfig == null ? Map.of() : new TreeMap<>(methodConfig);
  }
}
