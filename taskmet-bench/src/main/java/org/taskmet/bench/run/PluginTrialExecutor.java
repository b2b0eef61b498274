package org.taskmet.bench.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.taskmet.api.Model;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PredictorDefaults;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;
import org.taskmet.bench.sweep.TrialContext;
import org.taskmet.core.plugin.PluginConfigs;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;

/**
 * Runs a decision-focused trial with the installed plugins: builds the task and method from the spec, the predictor
 * from the spec's model plugin or else the task's reference architecture ({@code mlp} model plugin), trains on the task's splits for the dataset
 * seed within the trial's thread budget, and scores the trained predictor on the test split.
 */
public final class PluginTrialExecutor implements TrialExecutor {
  private final DecisionScorer scorer;

  /** Scores with {@link DecisionScorer#DECISION_QUALITY}. */
  public PluginTrialExecutor() {
    this(DecisionScorer.DECISION_QUALITY);
  }

  public PluginTrialExecutor(DecisionScorer scorer) {
    this.scorer = scorer;
  }

  @Override
  public ExecutedTrial execute(DecisionTrialSpec spec, TrialContext context) {
    PluginRegistry registry = context.plugins();
    Task task = Plugins.create(registry, PluginKind.TASK, Task.class, spec.task(), spec.taskConfig());
    TrainingMethod method = Plugins.create(registry, PluginKind.METHOD, TrainingMethod.class, spec.method(),
        spec.methodConfig());
    PluginRef modelRef = spec.model() != null ? new PluginRef(spec.model(), spec.modelConfig())
        : modelFor(task.predictorDefaults());
    Model.Factory models = Plugins.create(registry, PluginKind.MODEL, Model.Factory.class, modelRef.name(),
        modelRef.config());

    var data = task.generate(spec.datasetSeed());
    long t0 = System.nanoTime();
    TrainedPredictor predictor = method.train(new TrainingRequest(task, data, models, spec.seed(), context.progress(),
        context.threads()));
    long t1 = System.nanoTime();
    Map<String, Double> scores = scorer.score(task, predictor, data.test(), spec.seed());
    long t2 = System.nanoTime();
    DecisionTrialResult result = new DecisionTrialResult(scores, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
        predictor.diagnostics());
    return new ExecutedTrial(spec, result, predictor, modelRef, metricOf(registry, spec));
  }

  /** The model plugin reference that realises a task's reference architecture. */
  static PluginRef modelFor(PredictorDefaults d) {
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("hiddenLayers", d.hiddenLayers());
    cfg.put("hiddenUnits", d.hiddenUnits());
    cfg.put("outputActivation", d.outputActivation());
    return new PluginRef("mlp", cfg);
  }

  /** The metric a method learns, from its effective config ({@code metric} and {@code metricConfig} fields). */
  private static PluginRef metricOf(PluginRegistry registry, DecisionTrialSpec spec) {
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
