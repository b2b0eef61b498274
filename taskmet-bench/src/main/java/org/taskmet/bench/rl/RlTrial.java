package org.taskmet.bench.rl;

import java.util.ArrayList;
import java.util.List;
import org.taskmet.api.Environment;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.PluginKind;
import org.taskmet.api.ProgressListener;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;
import org.taskmet.core.rl.AgentRun;
import org.taskmet.core.rl.CheckedEnvironment;
import org.taskmet.core.rl.ModelLearning;
import org.taskmet.core.rl.UpdateStats;
import org.taskmet.tasks.rl.DistractorWrapper;

/** Runs one RL trial: a pure function of its spec (bit-identical results for the same spec). */
public final class RlTrial {
  private RlTrial() {}

  /** Builds the environments and metric of {@code spec} from the plugins, trains and evaluates the agent. */
  public static RlResult run(RlSpec spec, PluginRegistry plugins, ProgressListener progress) {
    Environment train = environment(spec, plugins);
    Environment evaluation = environment(spec, plugins);
    MetricParameterization.Factory metric = spec.learning() == ModelLearning.TASKMET
        ? Plugins.create(plugins, PluginKind.METRIC, MetricParameterization.Factory.class, spec.metric(),
            spec.metricConfig())
        : null;
    AgentRun.Result r = AgentRun.run(spec.learning(), spec.agentConfig(),
        new AgentRun.Settings(spec.steps(), spec.evaluationInterval(), spec.evaluationEpisodes()), train, evaluation,
        metric, spec.seed(), progress);
    List<RlResult.Evaluation> curve = new ArrayList<>();
    for (AgentRun.Evaluation e : r.curve()) {
      UpdateStats u = e.updates();
      curve.add(new RlResult.Evaluation(e.step(), e.meanReturn(), e.returns(), e.metricDiagonal(),
          orNull(u.modelError()), u.modelErrorByDimension(), orNull(u.qLoss()), orNull(u.taskLoss()), orNull(u.metricGradientNorm()),
          orNull(u.modelCgResidual()), u.metricStepsSkipped(), u.qSolveFallbacks()));
    }
    int trueDimensions = train.observationSize() - spec.distractors();
    return new RlResult(r.finalReturn(), curve, r.finalMetricDiagonal(), trueDimensions, r.episodes(), r.updates(),
        r.cpuSecondsPerStep(spec.steps()), r.updateCpuSeconds(), r.environmentCpuSeconds(), r.evaluationCpuSeconds(),
        r.wallSeconds());
  }

  /** The spec's environment plugin with its distractors, guarded so a faulty plugin is named in the error. */
  static Environment environment(RlSpec spec, PluginRegistry plugins) {
    Environment inner = Plugins.create(plugins, PluginKind.ENVIRONMENT, Environment.class, spec.environment(),
        spec.environmentConfig());
    String name = spec.environment();
    Environment checked = new CheckedEnvironment(name, inner);
    return spec.distractors() == 0 ? checked
        : new CheckedEnvironment(name + " + " + spec.distractors() + " distractors",
            new DistractorWrapper(checked, spec.distractors()));
  }

  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
