package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** Plugin {@value ImtlG#NAME}: IMTL-G: combination with equal projections on every unit task gradient (×K) */
@AutoService(PluginProvider.class)
public final class ImtlGProvider implements PluginProvider<GradientAggregator, ImtlGProvider.Config> {
  /** IMTL-G has no settings. */
  public record Config() {}

  @Override
  public String name() {
    return ImtlG.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.AGGREGATOR;
  }

  @Override
  public String description() {
    return "IMTL-G: combination with equal projections on every unit task gradient (×K)";
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
    return new ImtlG();
  }
}
