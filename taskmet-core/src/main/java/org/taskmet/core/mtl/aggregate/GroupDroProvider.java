package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** Plugin {@value GroupDro#NAME}: online group DRO: exponentiated-gradient task weights q_k ∝ q_k·exp(η_q ℓ_k), Σq = K */
@AutoService(PluginProvider.class)
public final class GroupDroProvider implements PluginProvider<GradientAggregator, GroupDroProvider.Config> {
  /** @param robustStepSize η_q of the exponentiated-gradient weight update (LibMTL default 0.01) */
  public record Config(double robustStepSize) {}

  @Override
  public String name() {
    return GroupDro.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.AGGREGATOR;
  }

  @Override
  public String description() {
    return "online group DRO: exponentiated-gradient task weights q_k ∝ q_k·exp(η_q ℓ_k), Σq = K";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(0.01);
  }

  @Override
  public GradientAggregator create(Config config) {
    String n = GroupDro.NAME;
    return new GroupDro(ConfigChecks.positive(n, "robustStepSize", config.robustStepSize()));
  }
}
