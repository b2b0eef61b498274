package org.taskmet.core.mtl.aggregate;

import com.google.auto.service.AutoService;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** Plugin {@value LookaheadDro#NAME}: Lookahead-DRO (reconstruction of mtl.md §1.4): entropy-regularised minimax over first-order lookahead losses */
@AutoService(PluginProvider.class)
public final class LookaheadDroProvider implements PluginProvider<GradientAggregator, LookaheadDroProvider.Config> {
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

  @Override
  public String name() {
    return LookaheadDro.NAME;
  }

  @Override
  public PluginKind kind() {
    return PluginKind.AGGREGATOR;
  }

  @Override
  public String description() {
    return "Lookahead-DRO (reconstruction of mtl.md §1.4): entropy-regularised minimax over first-order lookahead losses";
  }

  @Override
  public Class<Config> configType() {
    return Config.class;
  }

  @Override
  public Config defaultConfig() {
    return new Config(0.05, 0.1, 0.05, 10, 0.5, true, 0.0);
  }

  @Override
  public GradientAggregator create(Config config) {
    String n = LookaheadDro.NAME;
    return new LookaheadDro(ConfigChecks.nonNegative(n, "lookaheadStep", config.lookaheadStep()),
        ConfigChecks.positive(n, "temperature", config.temperature()),
        ConfigChecks.nonNegative(n, "entropyWeight", config.entropyWeight()),
        ConfigChecks.atLeast(n, "innerSteps", config.innerSteps(), 0),
        ConfigChecks.positive(n, "stepSize", config.stepSize()), config.warmStart(),
        ConfigChecks.inUnitInterval(n, "lossSmoothing", config.lossSmoothing()));
  }
}
