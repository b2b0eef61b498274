package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** Plugin {@value PcGrad#NAME}: PCGrad: project away conflicting components onto the original task gradients, then sum */
@AutoService(PluginProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class PcGradProvider extends PluginProviderBase<GradientAggregator, PcGradProvider.Config> {
  /** PCGrad has no settings. */
  public record Config() {}

  public PcGradProvider() {
    super(PcGrad.NAME, PluginKind.AGGREGATOR,
        "PCGrad: project away conflicting components onto the original task gradients, then sum",
        Config.class, new Config(), config -> new PcGrad());
  }
}
