package org.taskmet.core.method;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.plugin.CheckedDecisionProblem;

/**
 * Decision-focused learning: train the predictor on −obj(z_soft(Ŷ), Y) + α·MSE(Ŷ, Y) through the task's
 * differentiable training solver, checkpoint by the same loss on validation (taskmet.md §3.1). The
 * published table uses α = 0 and α = 10. Plugin {@code dfl}.
 */
public final class DflMethod implements TrainingMethod {
  /** The plugin name. */
  public static final String NAME = "dfl";

  /**
   * @param alpha weight α of the MSE term (0)
   * @param iterations maximum Adam steps (1000)
   * @param validationEvery validation period in steps (10)
   * @param patience early-stopping patience in steps (100)
   * @param batchSize instances per step; 0 = the task's outer batch size
   * @param learningRate predictor Adam lr; 0 = the task's
   */
  public record Config(
      double alpha, int iterations, int validationEvery, int patience, int batchSize, double learningRate)
      implements LoopConfig {
    public static Config defaults() {
      return new Config(0, 1000, 10, 100, 0, 0);
    }

    Config validate() {
      ConfigChecks.inRange(NAME, "alpha", alpha, 0, 1e6);
      checkLoop(NAME);
      return this;
    }
  }

  private final Config config;

  public DflMethod(Config config) {
    this.config = config.validate();
  }

  public Config config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TrainedPredictor train(TrainingRequest request) {
    InstanceLoss loss = new DecisionLoss(CheckedDecisionProblem.of(request.task()), config.alpha());
    LoopSettings s = config.resolve(request.task());
    return PredictorTrainer.train(NAME, request, s, loss, loss);
  }

  /** The {@code dfl} plugin. */
  @AutoService(PluginProvider.class)
  public static final class Provider extends PluginProviderBase<TrainingMethod, Config> {
    public Provider() {
      super(NAME, PluginKind.METHOD, "decision-focused learning: -DQ through the differentiable solver + alpha*MSE",
          Config.class, Config.defaults(), DflMethod::new);
    }
  }
}
