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
    return "portfolio: max p'x - 0.1*||Lx||^2 over 50 assets per day (synthetic factor market or a price CSV)";
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
    // the reference solver settings, with this task's risk aversion
    PortfolioQpSolver.Settings ref = PortfolioQpSolver.Settings.reference();
    PortfolioQpSolver qp = new PortfolioQpSolver(new PortfolioQpSolver.Settings(config.riskAversion(),
        ref.quadraticForm(), ref.warmStart(), ref.method(), ref.qp()));
    return new PortfolioTask(config, config.source(), qp, qp);
  }
}
