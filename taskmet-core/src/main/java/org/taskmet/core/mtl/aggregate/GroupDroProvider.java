package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** Plugin {@value GroupDro#NAME}: online group DRO: exponentiated-gradient task weights q_k ∝ q_k·exp(η_q ℓ_k), Σq = K */
@AutoService(PluginProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class GroupDroProvider extends PluginProviderBase<GradientAggregator, GroupDroProvider.Config> {
  /** @param robustStepSize η_q of the exponentiated-gradient weight update (LibMTL default 0.01) */
  public record Config(double robustStepSize) {}

  public GroupDroProvider() {
    super(GroupDro.NAME, PluginKind.AGGREGATOR,
        "online group DRO: exponentiated-gradient task weights q_k ∝ q_k·exp(η_q ℓ_k), Σq = K",
        Config.class, new Config(0.01), GroupDroProvider::build);
  }

  private static GradientAggregator build(GroupDroProvider.Config config) {
    String n = GroupDro.NAME;
    return new GroupDro(ConfigChecks.positive(n, "robustStepSize", config.robustStepSize()));
  }
}
