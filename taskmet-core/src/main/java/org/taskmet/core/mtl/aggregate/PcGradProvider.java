package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** Plugin {@value PcGrad#NAME}: PCGrad: project away conflicting components onto the original task gradients, then sum */
@AutoService(PluginProvider.class)
public final class PcGradProvider implements PluginProvider<GradientAggregator, PcGradProvider.Config> {
  /** PCGrad has no settings. */
  public record Config() {}

  @Override
  public String name() {
    return PcGrad.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.AGGREGATOR;
  }

  @Override
  public String description() {
    return "PCGrad: project away conflicting components onto the original task gradients, then sum";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config();
  }

  @Override
  public GradientAggregator create(Config config) {
    return new PcGrad();
  }
}
