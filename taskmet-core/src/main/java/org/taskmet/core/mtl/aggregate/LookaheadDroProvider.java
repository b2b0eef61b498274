package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** Plugin {@value LookaheadDro#NAME}: Lookahead-DRO (reconstruction of mtl.md §1.4): entropy-regularised minimax over first-order lookahead losses */
@AutoService(PluginProvider.class)
@SuppressWarnings("rawtypes") // AutoService cannot name the generic service type exactly
public final class LookaheadDroProvider extends PluginProviderBase<GradientAggregator, LookaheadDroProvider.Config> {
  /**
   * @param lookaheadStep η_la of the lookahead θ − η_la Σq_j g_j
   * @param temperature τ of the soft worst case
   * @param entropyWeight λ_H of the entropy bonus
   * @param innerSteps S mirror-descent steps per training step
   * @param stepSize β of each step on the centred, max-scaled ∇J
   * @param warmStart start from the previous q instead of uniform
   * @param lossSmoothing EMA factor of the losses (0 = off)
   */
  public record Config(double lookaheadStep, double temperature, double entropyWeight, int innerSteps, double stepSize, boolean warmStart, double lossSmoothing) {}

  public LookaheadDroProvider() {
    super(LookaheadDro.NAME, PluginKind.AGGREGATOR,
        "Lookahead-DRO (reconstruction of mtl.md §1.4): entropy-regularised minimax over first-order lookahead losses",
        Config.class, new Config(0.05, 0.1, 0.05, 10, 0.5, true, 0.0), LookaheadDroProvider::build);
  }

  private static GradientAggregator build(LookaheadDroProvider.Config config) {
    String n = LookaheadDro.NAME;
    return new LookaheadDro(ConfigChecks.nonNegative(n, "lookaheadStep", config.lookaheadStep()),
        ConfigChecks.positive(n, "temperature", config.temperature()),
        ConfigChecks.nonNegative(n, "entropyWeight", config.entropyWeight()),
        ConfigChecks.atLeast(n, "innerSteps", config.innerSteps(), 0),
        ConfigChecks.positive(n, "stepSize", config.stepSize()), config.warmStart(),
        ConfigChecks.inUnitInterval(n, "lossSmoothing", config.lossSmoothing()));
  }
}
