package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import java.util.List;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** Plugin {@value LinearScalarization#NAME}: linear scalarization: fixed task weights (default all 1 = sum of losses, ERM) */
@AutoService(PluginProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class LinearScalarizationProvider extends PluginProviderBase<GradientAggregator, LinearScalarizationProvider.Config> {
  /** @param weights one weight per task; empty means all 1 */
  public record Config(List<Double> weights) {}

  public LinearScalarizationProvider() {
    super(LinearScalarization.NAME, PluginKind.AGGREGATOR,
        "linear scalarization: fixed task weights (default all 1 = sum of losses, ERM)",
        Config.class, new Config(List.of()), LinearScalarizationProvider::build);
  }

  private static GradientAggregator build(LinearScalarizationProvider.Config config) {
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
