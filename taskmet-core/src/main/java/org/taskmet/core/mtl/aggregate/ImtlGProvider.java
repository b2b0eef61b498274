package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** Plugin {@value ImtlG#NAME}: IMTL-G: combination with equal projections on every unit task gradient (×K) */
@AutoService(PluginProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class ImtlGProvider extends PluginProviderBase<GradientAggregator, ImtlGProvider.Config> {
  /** IMTL-G has no settings. */
  public record Config() {}

  public ImtlGProvider() {
    super(ImtlG.NAME, PluginKind.AGGREGATOR,
        "IMTL-G: combination with equal projections on every unit task gradient (×K)",
        Config.class, new Config(), config -> new ImtlG());
  }
}
