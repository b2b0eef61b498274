package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** Plugin {@value NashMtl#NAME}: Nash-MTL: bargaining weights M·α = 1/α by damped Newton on ½αᵀMα − Σ log α */
@AutoService(PluginProvider.class)
public final class NashMtlProvider implements PluginProvider<GradientAggregator, NashMtlProvider.Config> {
  /**
   * @param maxIterations Newton iteration cap
   * @param ridge added to the Frobenius-normalised Gram diagonal
   * @param maxNorm clip ‖d‖ to this (official max_norm 1.0); 0 disables clipping
   */
  public record Config(int maxIterations, double ridge, double maxNorm) {}

  @Override
  public String name() {
    return NashMtl.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.AGGREGATOR;
  }

  @Override
  public String description() {
    return "Nash-MTL: bargaining weights M·α = 1/α by damped Newton on ½αᵀMα − Σ log α";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(50, 1e-8, 1.0);
  }

  @Override
  public GradientAggregator create(Config config) {
    String n = NashMtl.NAME;
    return new NashMtl(ConfigChecks.atLeast(n, "maxIterations", config.maxIterations(), 1),
        ConfigChecks.nonNegative(n, "ridge", config.ridge()), ConfigChecks.nonNegative(n, "maxNorm", config.maxNorm()));
  }
}
