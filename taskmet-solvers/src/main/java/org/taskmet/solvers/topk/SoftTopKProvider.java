package org.taskmet.solvers.topk;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Solver;

/** SOLVER plugin {@code soft-topk}: Xie et al. 2020 entropic-OT soft top-k (cubic top-k training decision). */
@AutoService(PluginProvider.class)
public final class SoftTopKProvider extends PluginProviderBase<Solver, SoftTopKProvider.Config> {
  /**
   * @param k items selected (reference 1)
   * @param epsilon entropic regularization on normalized costs (reference 0.01, &gt; 0)
   * @param iterations Sinkhorn iterations (reference 200, &gt;= 1)
   * @param tolerance early-stop threshold on the row-marginal residual (reference 0 = run all iterations)
   */
  public record Config(int k, double epsilon, int iterations, double tolerance) {}

  public SoftTopKProvider() {
    super("soft-topk", PluginKind.SOLVER,
        "soft top-k by log-domain Sinkhorn entropic OT (Xie et al. 2020) with implicit backward",
        Config.class, new Config(1, 0.01, 200, 0.0), SoftTopKProvider::build);
  }

  private static Solver build(SoftTopKProvider.Config config) {
    try {
      return new SoftTopKSolver(new SoftTopKSolver.Settings(config.k(), config.epsilon(), config.iterations(),
          config.tolerance()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("soft-topk: " + e.getMessage(), e);
    }
  }
}
