package org.taskmet.tasks.budget;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Task;
import org.taskmet.solvers.simplex.CappedSimplexAscentSolver;
import org.taskmet.solvers.simplex.CoverageObjective;

/** The {@code budget} task plugin: budget allocation over channels × users (synthetic or from a file). */
@AutoService(PluginProvider.class)
public final class BudgetTaskProvider implements PluginProvider<Task, BudgetConfig> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BudgetTaskProvider.class);
  private static final java.util.concurrent.atomic.AtomicBoolean FALLBACK_LOGGED =
      new java.util.concurrent.atomic.AtomicBoolean();

  @Override
  public String name() {
    return BudgetTask.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.TASK;
  }

  @Override
  public String description() {
    return "budget allocation: split budget 2 over 5 channels to reach 10 users (MovieLens from r-cran-dslabs, "
        + "a synthetic click model or a matrix file)";
  }

  @Override
  public Class<BudgetConfig> configType() {
    return BudgetConfig.class;
  }

  @Override
  public BudgetConfig defaultConfig() {
    return BudgetConfig.defaults();
  }

  @Override
  public Task create(BudgetConfig config) {
    config.validate();
    if (config.data().equals(BudgetConfig.AUTO) && config.resolvedData().equals(BudgetConfig.SYNTHETIC)
        && FALLBACK_LOGGED.compareAndSet(false, true)) {
      LOG.info("budget: r-cran-dslabs is not installed, so data=auto uses "
          + "the synthetic click model ('apt-get install r-cran-dslabs' for the real data)");
    }
    // the reference uses the same randomly started ascent at train and test time
    CappedSimplexAscentSolver solver = new CappedSimplexAscentSolver("budget-ascent", new CoverageObjective(),
        new CappedSimplexAscentSolver.Settings(config.budget(), config.solverIterations(), config.solverStepSize(),
            config.solverMomentum(), CappedSimplexAscentSolver.Start.RANDOM, 0.01, 1e-6));
    return new BudgetTask(config, config.source(), solver, solver);
  }
}
