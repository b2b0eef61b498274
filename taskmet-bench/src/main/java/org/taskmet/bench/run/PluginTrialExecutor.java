package org.taskmet.bench.run;

import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.taskmet.api.Model;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PredictorDefaults;
import org.taskmet.api.ProgressListener;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;
import org.taskmet.bench.cli.TaskmetCli;
import org.taskmet.core.eval.DecisionEvaluator;
import org.taskmet.core.eval.EvaluationResult;
import org.taskmet.core.linalg.Kernels;
import org.taskmet.core.plugin.PluginConfigs;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;

/**
 * Runs a trial with the installed plugins: builds the task and method from the spec, the predictor from the
 * task's reference architecture ({@code mlp} model plugin), trains on the task's splits for the dataset
 * seed, and scores the trained predictor on the test split with hard decisions.
 */
public final class PluginTrialExecutor implements TrialExecutor {
  private final PluginRegistry registry;

  @Inject
  public PluginTrialExecutor(PluginRegistry registry) {
    this.registry = registry;
  }

  @Override
  public ExecutedTrial execute(TrialSpec spec, ProgressListener progress) {
    Task task = Plugins.create(registry, PluginKind.TASK, Task.class, spec.task(), spec.taskConfig());
    TrainingMethod method = Plugins.create(registry, PluginKind.METHOD, TrainingMethod.class, spec.method(),
        spec.methodConfig());
    PluginRef modelRef = modelFor(task.predictorDefaults());
    Model.Factory models = Plugins.create(registry, PluginKind.MODEL, Model.Factory.class, modelRef.name(),
        modelRef.config());

    var data = task.generate(spec.datasetSeed());
    long t0 = System.nanoTime();
    TrainedPredictor predictor = method.train(new TrainingRequest(task, data, models, spec.seed(), progress));
    long t1 = System.nanoTime();
    EvaluationResult eval = DecisionEvaluator.evaluate(task, predictor, data.test(), spec.seed());
    long t2 = System.nanoTime();
    requireFinite(spec, eval);

    TrialScores scores = new TrialScores(eval.modelDq(), eval.randomDq(), eval.optimalDq(), eval.normalizedDq(),
        eval.mse());
    Map<String, String> env = new TreeMap<>();
    env.put("taskmet", TaskmetCli.version());
    env.put("java", Runtime.version().toString());
    env.put("kernels", Kernels.get().name());
    TrialResult result = new TrialResult(spec, scores, (t1 - t0) / 1e9, (t2 - t1) / 1e9, predictor.diagnostics(), env);
    return new ExecutedTrial(result, predictor, modelRef, metricOf(spec));
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
  private PluginRef metricOf(TrialSpec spec) {
    PluginProvider<?, ?> provider = registry.provider(PluginKind.METHOD, spec.method());
    Map<String, Object> cfg = PluginConfigs.toMap(PluginConfigs.withOverrides(provider, spec.methodConfig()));
    if (!(cfg.get("metric") instanceof String name)) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> metricConfig = cfg.get("metricConfig") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    return new PluginRef(name, metricConfig);
  }

  private static void requireFinite(TrialSpec spec, EvaluationResult e) {
    double[] values = {e.modelDq(), e.randomDq(), e.optimalDq(), e.normalizedDq(), e.mse()};
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new ArithmeticException("trial " + spec.id() + " produced a non-finite score " + e
            + " (training diverged?); no result file was written");
      }
    }
  }
}
