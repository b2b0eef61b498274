package org.taskmet.embed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What trains a predictor, and so its provenance: the task and method plugins by name with their config
 * overrides, the two seeds, and optionally the model plugin. Training is a pure function of it: the same spec gives
 * a bit-identical predictor on one JDK and kernel choice.
 *
 * <pre>{@code
 * TrainingSpec spec = TrainingSpec.of("portfolio", "taskmet")
 *     .withMethodConfig(Map.of("outerIterations", 20))
 *     .withSeed(7);
 * }</pre>
 *
 * @param task task plugin name, e.g. {@code "portfolio"}
 * @param taskConfig overrides of the task's config defaults (see {@code taskmet plugins --config})
 * @param method training method plugin name, e.g. {@code "taskmet"}, {@code "mse"}
 * @param methodConfig overrides of the method's config defaults
 * @param datasetSeed seeds the task's data
 * @param seed seeds the model initialization and training
 * @param model model plugin of the predictor, or {@code null} for the task's reference predictor (the {@code mlp}
 *     plugin with the task's {@link org.taskmet.api.PredictorDefaults})
 * @param modelConfig overrides of the model's config defaults (empty without a model)
 */
// "row": the results-table label that predictor files written by taskmet 0.1's CLI carry in this object
@JsonIgnoreProperties({"row"})
public record TrainingSpec(
    @JsonProperty(required = true) String task, @JsonProperty(required = true) Map<String, Object> taskConfig,
    @JsonProperty(required = true) String method, @JsonProperty(required = true) Map<String, Object> methodConfig,
    @JsonProperty(required = true) long datasetSeed, @JsonProperty(required = true) long seed,
    // left out of a file while unset, as the CLI's trial specs do
    @JsonInclude(JsonInclude.Include.NON_NULL) String model,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> modelConfig) {
  public TrainingSpec {
    if (task == null || task.isBlank() || method == null || method.isBlank()) {
      throw new IllegalArgumentException("a training spec needs a task and a method name, got task=" + task
          + " method=" + method);
    }
    taskConfig = sortedCopy(taskConfig);
    methodConfig = sortedCopy(methodConfig);
    modelConfig = sortedCopy(modelConfig);
    if (model == null && !modelConfig.isEmpty()) {
      throw new IllegalArgumentException("a model config " + modelConfig + " needs a model plugin name");
    }
  }

  /** With the task's reference predictor. */
  public TrainingSpec(String task, Map<String, Object> taskConfig, String method, Map<String, Object> methodConfig,
      long datasetSeed, long seed) {
    this(task, taskConfig, method, methodConfig, datasetSeed, seed, null, Map.of());
  }

  /** {@code task} trained by {@code method} with their default configs, dataset seed 0 and seed 0. */
  public static TrainingSpec of(String task, String method) {
    return new TrainingSpec(task, Map.of(), method, Map.of(), 0, 0);
  }

  public TrainingSpec withTaskConfig(Map<String, ?> overrides) {
    return new TrainingSpec(task, sortedCopy(overrides), method, methodConfig, datasetSeed, seed, model, modelConfig);
  }

  public TrainingSpec withMethodConfig(Map<String, ?> overrides) {
    return new TrainingSpec(task, taskConfig, method, sortedCopy(overrides), datasetSeed, seed, model, modelConfig);
  }

  public TrainingSpec withDatasetSeed(long datasetSeed) {
    return new TrainingSpec(task, taskConfig, method, methodConfig, datasetSeed, seed, model, modelConfig);
  }

  public TrainingSpec withSeed(long seed) {
    return new TrainingSpec(task, taskConfig, method, methodConfig, datasetSeed, seed, model, modelConfig);
  }

  /** With the model plugin {@code model} and overrides of its config, instead of the task's reference predictor. */
  public TrainingSpec withModel(String model, Map<String, ?> overrides) {
    return new TrainingSpec(task, taskConfig, method, methodConfig, datasetSeed, seed, model, sortedCopy(overrides));
  }

  /** An unmodifiable copy sorted by key, so equal specs print and compare alike. */
  private static Map<String, Object> sortedCopy(Map<String, ?> config) {
    return config == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(config));
  }
}
