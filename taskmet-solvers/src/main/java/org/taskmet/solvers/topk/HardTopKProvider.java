package org.taskmet.solvers.topk;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Solver;

/** SOLVER plugin {@code hard-topk}: indicator of the k largest predictions (cubic top-k evaluation). */
@AutoService(PluginProvider.class)
public final class HardTopKProvider extends PluginProviderBase<Solver, HardTopKProvider.Config> {
  /** @param k number of items selected (reference: 1 for cubic top-k) */
  public record Config(int k) {}

  public HardTopKProvider() {
    super("hard-topk", PluginKind.SOLVER, "hard top-k: indicator of the k largest predicted scores (zero derivative)",
        Config.class, new Config(1), HardTopKProvider::build);
  }

  private static Solver build(HardTopKProvider.Config config) {
    if (config.k() < 1) {
      throw new IllegalArgumentException("hard-topk: k=" + config.k() + " is invalid, expected an integer >= 1");
    }
    return new HardTopKSolver(config.k());
  }
}
