package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** Plugin {@value CaGrad#NAME}: CAGrad: conflict-averse direction within radius c·‖g0‖ of the mean gradient (c = 0.4) */
@AutoService(PluginProvider.class)
public final class CaGradProvider implements PluginProvider<GradientAggregator, CaGradProvider.Config> {
  /**
   * @param c conflict-aversion radius (0.4 in the MTL benchmarks, 0.5 in the 2-task toy)
   * @param maxIterations cap of the projected-gradient subproblem solver
   */
  public record Config(double c, int maxIterations) {}

  @Override
  public String name() {
    return CaGrad.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.AGGREGATOR;
  }

  @Override
  public String description() {
    return "CAGrad: conflict-averse direction within radius c·‖g0‖ of the mean gradient (c = 0.4)";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(0.4, 500);
  }

  @Override
  public GradientAggregator create(Config config) {
    String n = CaGrad.NAME;
    return new CaGrad(ConfigChecks.nonNegative(n, "c", config.c()),
        ConfigChecks.atLeast(n, "maxIterations", config.maxIterations(), 1));
  }
}
