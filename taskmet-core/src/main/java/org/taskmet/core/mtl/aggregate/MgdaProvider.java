package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** Plugin {@value Mgda#NAME}: MGDA: min-norm point of the convex hull of the task gradients (×K) */
@AutoService(PluginProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class MgdaProvider extends PluginProviderBase<GradientAggregator, MgdaProvider.Config> {
  /**
   * @param maxIterations iteration cap of the simplex QP for K &gt; 2 (official MAX_ITER 250)
   * @param tolerance stop when the weights move less than this
   */
  public record Config(int maxIterations, double tolerance) {}

  public MgdaProvider() {
    super(Mgda.NAME, PluginKind.AGGREGATOR, "MGDA: min-norm point of the convex hull of the task gradients (×K)",
        Config.class, new Config(250, 1e-10), MgdaProvider::build);
  }

  private static GradientAggregator build(MgdaProvider.Config config) {
    String n = Mgda.NAME;
    return new Mgda(ConfigChecks.atLeast(n, "maxIterations", config.maxIterations(), 1),
        ConfigChecks.positive(n, "tolerance", config.tolerance()));
  }
}
