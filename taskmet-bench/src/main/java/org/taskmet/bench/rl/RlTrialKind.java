package org.taskmet.bench.rl;

import java.util.List;
import java.util.Map;
import org.taskmet.bench.sweep.SweepReport;
import org.taskmet.bench.sweep.TrialContext;
import org.taskmet.bench.sweep.TrialKind;
import org.taskmet.bench.sweep.TrialOutput;
import org.taskmet.core.linalg.RowParallelism;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.rl.UpdateCost;

/**
 * The {@code rl} trial kind: a model-based agent (MLE, OMD or TaskMet) trained in an environment plugin with
 * distractor dimensions, scored by its final evaluation return. The trials of {@code taskmet rl cartpole}.
 */
public final class RlTrialKind implements TrialKind<RlSpec, RlResult> {
  public static final String NAME = "rl";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "a model-based RL agent (mle, omd, taskmet) in an environment plugin with distractors, scored by its final "
        + "return";
  }

  @Override
  public Class<RlSpec> specType() {
    return RlSpec.class;
  }

  @Override
  public Class<RlResult> resultType() {
    return RlResult.class;
  }

  @Override
  public List<String> seedFields() {
    return List.of("seed");
  }

  @Override
  public RlSpec canonical(RlSpec spec, PluginRegistry plugins) {
    return spec.canonical(plugins);
  }

  @Override
  public TrialOutput<RlResult> run(RlSpec spec, TrialContext context) {
    // a budget above 1 (fewer jobs than cores) splits the rows of the networks' large gemms (d in the hundreds)
    return TrialOutput.of(RowParallelism.withThreads(context.threads(),
        () -> RlTrial.run(spec, context.plugins(), context.progress())));
  }

  @Override
  public Map<String, Double> scores(RlResult result) {
    return Map.of("finalReturn", result.finalReturn());
  }

  /** The FLOPs of the trial's updates: a method's update costs 10–20 times another's at the same size. */
  @Override
  public double relativeCost(RlSpec spec) {
    long updates = Math.max(1, spec.steps() - spec.agentConfig().randomSteps() + 1);
    int observationSize = 4 + spec.distractors();
    return (double) updates * UpdateCost.flopsPerUpdate(spec.learning(), spec.agentConfig(), observationSize, 2);
  }

  @Override
  public SweepReport<RlSpec, RlResult> report() {
    return new RlReport();
  }
}
