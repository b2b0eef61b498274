package org.taskmet.bench.pyepo;

import org.taskmet.bench.run.DecisionTrialKind;
import org.taskmet.bench.run.DecisionTrialResult;
import org.taskmet.bench.run.DecisionTrialSpec;
import org.taskmet.bench.run.PluginTrialExecutor;
import org.taskmet.bench.sweep.SweepReport;

/**
 * The {@code pyepo} trial kind: a training method on a task whose objective is linear in the predictions, scored
 * by PyEPO's regret metrics ({@code RegretScorer}). Its spec is the decision kind's ({@code task, taskConfig,
 * method, methodConfig, datasetSeed, seed}); its report is {@code PyepoReport}.
 */
public final class PyepoTrialKind extends DecisionTrialKind {
  public static final String NAME = "pyepo";

  public PyepoTrialKind() {
    super(NAME, "a training method on a PyEPO-style linear task, scored by normalized regret, unambiguous regret "
        + "and MSE", new PluginTrialExecutor(new RegretScorer()));
  }

  @Override
  public SweepReport<DecisionTrialSpec, DecisionTrialResult> report() {
    return new PyepoReport();
  }
}
