package org.taskmet.bench.run;

import java.util.List;
import java.util.Map;
import org.taskmet.api.Model;
import org.taskmet.api.PluginKind;
import org.taskmet.api.Task;
import org.taskmet.api.TrainingMethod;
import org.taskmet.bench.sweep.SweepReport;
import org.taskmet.bench.sweep.TrialContext;
import org.taskmet.bench.sweep.TrialKind;
import org.taskmet.bench.sweep.TrialOutput;
import org.taskmet.core.plugin.PluginConfigs;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;
import org.taskmet.core.plugin.TaskData;
import org.taskmet.embed.Predictor;

/**
 * The {@code decision} trial kind: a method trained on a task, its hard decisions scored on the test split. The
 * trials of {@code taskmet reproduce} and {@code taskmet run}. Each trial leaves its trained predictor (and learned
 * metric) as the artifact {@code predictor.json}.
 *
 * <p>A suite with the same trial shape but other scores (PyEPO's regret) subclasses it with its own name and
 * {@link DecisionScorer}.
 */
public class DecisionTrialKind implements TrialKind<DecisionTrialSpec, DecisionTrialResult> {
  public static final String NAME = "decision";
  /** The artifact holding the trained predictor, a predictor file (see {@link Predictor#save}). */
  public static final String PREDICTOR = "predictor.json";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DecisionTrialKind.class);

  private final String name;
  private final String description;
  private final TrialExecutor executor;

  /** The built-in kind, as {@link java.util.ServiceLoader} makes it. */
  public DecisionTrialKind() {
    this(new PluginTrialExecutor());
  }

  /** The built-in kind with another way of running a trial (tests use a fake one). */
  public DecisionTrialKind(TrialExecutor executor) {
    this(NAME, "a training method on a task plugin, scored by normalized test decision quality and MSE", executor);
  }

  /** A kind of another name with the same trial shape, e.g. a suite with its own {@link DecisionScorer}. */
  protected DecisionTrialKind(String name, String description, TrialExecutor executor) {
    this.name = name;
    this.description = description;
    this.executor = executor;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Class<DecisionTrialSpec> specType() {
    return DecisionTrialSpec.class;
  }

  @Override
  public Class<DecisionTrialResult> resultType() {
    return DecisionTrialResult.class;
  }

  @Override
  public List<String> seedFields() {
    return List.of("datasetSeed", "seed");
  }

  /**
   * Completes the configs with the plugins' defaults and builds the plugins once, so bad values fail early. A
   * task config field {@code data: auto} is replaced by the data the task resolved it to ({@link TaskData}: e.g.
   * {@code stockdata} when r-cran-huge is installed, else {@code synthetic}), so results on real and on stand-in
   * data never share an id.
   */
  @Override
  public DecisionTrialSpec canonical(DecisionTrialSpec spec, PluginRegistry plugins) {
    if (spec.task() == null || spec.method() == null) {
      throw new IllegalArgumentException("a " + name + " trial needs a task and a method");
    }
    Map<String, Object> task = PluginConfigs.toMap(
        PluginConfigs.withOverrides(plugins.provider(PluginKind.TASK, spec.task()), spec.taskConfig()));
    Map<String, Object> method = PluginConfigs.toMap(
        PluginConfigs.withOverrides(plugins.provider(PluginKind.METHOD, spec.method()), spec.methodConfig()));
    Task built = Plugins.create(plugins, PluginKind.TASK, Task.class, spec.task(), task);
    Plugins.create(plugins, PluginKind.METHOD, TrainingMethod.class, spec.method(), method);
    task = TaskData.pinned(task, task, built);
    Map<String, Object> model = Map.of();
    if (spec.model() != null) {
      model = PluginConfigs.toMap(
          PluginConfigs.withOverrides(plugins.provider(PluginKind.MODEL, spec.model()), spec.modelConfig()));
      Plugins.create(plugins, PluginKind.MODEL, Model.Factory.class, spec.model(), model);
    }
    return new DecisionTrialSpec(spec.task(), task, spec.method(), method, spec.datasetSeed(), spec.seed(),
        spec.model(), model);
  }

  @Override
  public TrialOutput<DecisionTrialResult> run(DecisionTrialSpec spec, TrialContext context) {
    ExecutedTrial t = executor.execute(spec, context);
    DecisionTrialResult result = t.result().withWarnings(TrainingWarnings.of(t.result().scores(),
        t.result().diagnostics(), t.globalOptimum()));
    for (String w : result.warnings()) {
      LOG.warn("trial {} ({} on {}): {}", context.trialId(), spec.method(), spec.task(), w);
    }
    return new TrialOutput<>(result, Map.of(PREDICTOR, t.predictor().toJson()));
  }

  @Override
  public Map<String, Double> scores(DecisionTrialResult result) {
    return result.scores();
  }

  @Override
  public SweepReport<DecisionTrialSpec, DecisionTrialResult> report() {
    return new DecisionReport();
  }
}
