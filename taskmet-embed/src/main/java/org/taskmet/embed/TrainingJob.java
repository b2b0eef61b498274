package org.taskmet.embed;

import java.util.LinkedHashMap;
import java.util.Map;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Model;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PredictorDefaults;
import org.taskmet.api.ProgressListener;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.plugin.PluginConfigs;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;
import org.taskmet.core.plugin.TaskData;

/**
 * A training run with everything built and the data generated, before any training step: the task and method
 * plugins from the spec, the predictor from the spec's model plugin or else in the task's reference architecture
 * (the {@code mlp} model plugin), and
 * the task's splits for the spec's dataset seed. Made by {@link Taskmet#prepare}, so that a wrong plugin name,
 * config key or value fails before the work starts, and so that callers that also evaluate (the CLI) use the
 * same splits.
 */
public final class TrainingJob {
  private final TrainingSpec spec;
  private final Task task;
  private final TrainingMethod method;
  private final PluginRef model;
  private final Model.Factory models;
  private final PluginRef metric;
  private final DataSplits data;

  TrainingJob(PluginRegistry registry, TrainingSpec spec) {
    this.task = Plugins.create(registry, PluginKind.TASK, Task.class, spec.task(), spec.taskConfig());
    this.spec = spec.withTaskConfig(TaskData.pinned(spec.taskConfig(), PluginConfigs.toMap(
        PluginConfigs.withOverrides(registry.provider(PluginKind.TASK, spec.task()), spec.taskConfig())), task));
    this.method = Plugins.create(registry, PluginKind.METHOD, TrainingMethod.class, spec.method(),
        spec.methodConfig());
    this.model = spec.model() != null ? new PluginRef(spec.model(), spec.modelConfig())
        : modelFor(task.predictorDefaults());
    this.models = Plugins.create(registry, PluginKind.MODEL, Model.Factory.class, model.name(), model.config());
    this.metric = metricOf(registry, spec);
    this.data = task.generate(spec.datasetSeed());
  }

  /**
   * The spec this job trains: the one it was made from, with a task config {@code data: auto} replaced by the data
   * the task uses on this machine ({@link TaskData}), so a saved predictor names its data.
   */
  public TrainingSpec spec() {
    return spec;
  }

  public Task task() {
    return task;
  }

  /** The train, validation and test splits the task generated; training never reads the test split. */
  public DataSplits data() {
    return data;
  }

  /** Trains on every available core; see {@link #train(ProgressListener, int)}. */
  public Predictor train(ProgressListener progress) {
    return train(progress, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Trains (deterministically: the same spec gives a bit-identical predictor, whatever the thread budget).
   *
   * @param threads how many threads training may keep busy at once (≥ 1)
   */
  public Predictor train(ProgressListener progress, int threads) {
    TrainedPredictor p = method.train(new TrainingRequest(task, data, models, spec.seed(), progress, threads));
    return Predictor.of(spec, task, p, model, p.metric() == null ? null : metric);
  }

  /** The model plugin reference that realises a task's reference architecture. */
  private static PluginRef modelFor(PredictorDefaults d) {
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("hiddenLayers", d.hiddenLayers());
    cfg.put("hiddenUnits", d.hiddenUnits());
    cfg.put("outputActivation", d.outputActivation());
    return new PluginRef("mlp", cfg);
  }

  /** The metric a method learns, from its effective config ({@code metric} and {@code metricConfig} fields). */
  private static PluginRef metricOf(PluginRegistry registry, TrainingSpec spec) {
    PluginProvider<?, ?> provider = registry.provider(PluginKind.METHOD, spec.method());
    Map<String, Object> cfg = PluginConfigs.toMap(PluginConfigs.withOverrides(provider, spec.methodConfig()));
    if (!(cfg.get("metric") instanceof String name)) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> metricConfig = cfg.get("metricConfig") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    return new PluginRef(name, metricConfig);
  }
}
