package org.taskmet.tasks.portfolio;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Task;
import org.taskmet.solvers.qp.PortfolioQpSolver;

/**
 * The {@code portfolio} task plugin: daily mean-variance portfolio over 50 assets. Both the training and
 * the evaluation decision are the exact QP with the ‖Lx‖² risk term (the objective uses the same form).
 */
@AutoService(PluginProvider.class)
public final class PortfolioTaskProvider implements PluginProvider<Task, PortfolioConfig> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PortfolioTaskProvider.class);
  private static final java.util.concurrent.atomic.AtomicBoolean FALLBACK_LOGGED =
      new java.util.concurrent.atomic.AtomicBoolean();

  @Override
  public String name() {
    return PortfolioTask.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.TASK;
  }

  @Override
  public String description() {
    return "portfolio: max p'x - 0.1*||Lx||^2 over 50 assets per day (S&P 500 prices from r-cran-huge, "
        + "a synthetic market or a price CSV)";
  }

  @Override
  public Class<PortfolioConfig> configType() {
    return PortfolioConfig.class;
  }

  @Override
  public PortfolioConfig defaultConfig() {
    return PortfolioConfig.defaults();
  }

  @Override
  public Task create(PortfolioConfig config) {
    config.validate();
    if (config.data().equals(PortfolioConfig.AUTO) && config.resolvedData().equals(PortfolioConfig.SYNTHETIC)
        && FALLBACK_LOGGED.compareAndSet(false, true)) {
      LOG.info("portfolio: r-cran-huge is not installed, so data=auto uses "
          + "the synthetic market ('apt-get install r-cran-huge' for the real data)");
    }
    // the reference solver settings, with this task's risk aversion
    PortfolioQpSolver.Settings ref = PortfolioQpSolver.Settings.reference();
    PortfolioQpSolver qp = new PortfolioQpSolver(new PortfolioQpSolver.Settings(config.riskAversion(),
        ref.quadraticForm(), ref.warmStart(), ref.method(), ref.qp()));
    return new PortfolioTask(config, config.source(), qp, qp);
  }
}
