package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** Plugin {@value NashMtl#NAME}: Nash-MTL: bargaining weights M·α = 1/α by damped Newton on ½αᵀMα − Σ log α */
@AutoService(PluginProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class NashMtlProvider extends PluginProviderBase<GradientAggregator, NashMtlProvider.Config> {
  /**
   * @param maxIterations Newton iteration cap
   * @param ridge relative ridge: M_kk·(1 + ridge) on the Frobenius-normalised Gram diagonal
   * @param maxNorm clip ‖d‖ to this (official max_norm 1.0); 0 disables clipping
   */
  public record Config(int maxIterations, double ridge, double maxNorm) {}

  public NashMtlProvider() {
    super(NashMtl.NAME, PluginKind.AGGREGATOR,
        "Nash-MTL: bargaining weights M·α = 1/α by damped Newton on ½αᵀMα − Σ log α",
        Config.class, new Config(50, 1e-8, 1.0), NashMtlProvider::build);
  }

  private static GradientAggregator build(NashMtlProvider.Config config) {
    String n = NashMtl.NAME;
    return new NashMtl(ConfigChecks.atLeast(n, "maxIterations", config.maxIterations(), 1),
        ConfigChecks.nonNegative(n, "ridge", config.ridge()), ConfigChecks.nonNegative(n, "maxNorm", config.maxNorm()));
  }
}
