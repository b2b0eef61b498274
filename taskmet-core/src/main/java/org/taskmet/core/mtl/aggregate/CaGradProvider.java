package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** Plugin {@value CaGrad#NAME}: CAGrad: conflict-averse direction within radius c·‖g0‖ of the mean gradient (c = 0.4) */
@AutoService(PluginProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class CaGradProvider extends PluginProviderBase<GradientAggregator, CaGradProvider.Config> {
  /**
   * @param c conflict-aversion radius (0.4 in the MTL benchmarks, 0.5 in the 2-task toy)
   * @param maxIterations cap of the projected-gradient subproblem solver
   */
  public record Config(double c, int maxIterations) {}

  public CaGradProvider() {
    super(CaGrad.NAME, PluginKind.AGGREGATOR,
        "CAGrad: conflict-averse direction within radius c·‖g0‖ of the mean gradient (c = 0.4)",
        Config.class, new Config(0.4, 500), CaGradProvider::build);
  }

  private static GradientAggregator build(CaGradProvider.Config config) {
    String n = CaGrad.NAME;
    return new CaGrad(ConfigChecks.nonNegative(n, "c", config.c()),
        ConfigChecks.atLeast(n, "maxIterations", config.maxIterations(), 1));
  }
}
