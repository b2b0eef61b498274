package org.taskmet.solvers.topk;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Solver;

/** SOLVER plugin {@code soft-topk}: Xie et al. 2020 entropic-OT soft top-k (cubic top-k training decision). */
@AutoService(PluginProvider.class)
public final class SoftTopKProvider implements PluginProvider<Solver, SoftTopKProvider.Config> {
  /**
   * @param k items selected (reference 1)
   * @param epsilon entropic regularization on normalized costs (reference 0.01, &gt; 0)
   * @param iterations Sinkhorn iterations (reference 200, &gt;= 1)
   * @param tolerance early-stop threshold on the row-marginal residual (reference 0 = run all iterations)
   */
  public record Config(int k, double epsilon, int iterations, double tolerance) {}

  @Override
  public String name() {
    return "soft-topk";
  }

  @Override
  public PluginKind kind() {
    return PluginKind.SOLVER;
  }

  @Override
  public String description() {
    return "soft top-k by log-domain Sinkhorn entropic OT (Xie et al. 2020) with implicit backward";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(1, 0.01, 200, 0.0);
  }

  @Override
  public Solver create(Config config) {
    try {
      return new SoftTopKSolver(new SoftTopKSolver.Settings(config.k(), config.epsilon(), config.iterations(),
          config.tolerance()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("soft-topk: " + e.getMessage(), e);
    }
  }
}
