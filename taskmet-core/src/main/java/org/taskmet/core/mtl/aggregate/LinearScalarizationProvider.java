package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import java.util.List;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** Plugin {@value LinearScalarization#NAME}: linear scalarization: fixed task weights (default all 1 = sum of losses, ERM) */
@AutoService(PluginProvider.class)
public final class LinearScalarizationProvider implements PluginProvider<GradientAggregator, LinearScalarizationProvider.Config> {
  /** @param weights one weight per task; empty means all 1 */
  public record Config(List<Double> weights) {}

  @Override
  public String name() {
    return LinearScalarization.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.AGGREGATOR;
  }

  @Override
  public String description() {
    return "linear scalarization: fixed task weights (default all 1 = sum of losses, ERM)";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(List.of());
  }

  @Override
  public GradientAggregator create(Config config) {
    String n = LinearScalarization.NAME;
    for (int i = 0; i < config.weights().size(); i++) {
      double w = config.weights().get(i);
      if (!Double.isFinite(w)) {
        throw new IllegalArgumentException(n + ": weights[" + i + "] = " + w + "; expected a finite value");
      }
    }
    return new LinearScalarization(config.weights());
  }
}
