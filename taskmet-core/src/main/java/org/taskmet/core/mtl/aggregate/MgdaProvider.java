package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** Plugin {@value Mgda#NAME}: MGDA: min-norm point of the convex hull of the task gradients (×K) */
@AutoService(PluginProvider.class)
public final class MgdaProvider implements PluginProvider<GradientAggregator, MgdaProvider.Config> {
  /**
   * @param maxIterations iteration cap of the simplex QP for K &gt; 2 (official MAX_ITER 250)
   * @param tolerance stop when the weights move less than this
   */
  public record Config(int maxIterations, double tolerance) {}

  @Override
  public String name() {
    return Mgda.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.AGGREGATOR;
  }

  @Override
  public String description() {
    return "MGDA: min-norm point of the convex hull of the task gradients (×K)";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(250, 1e-10);
  }

  @Override
  public GradientAggregator create(Config config) {
    String n = Mgda.NAME;
    return new Mgda(ConfigChecks.atLeast(n, "maxIterations", config.maxIterations(), 1),
        ConfigChecks.positive(n, "tolerance", config.tolerance()));
  }
}
