package org.taskmet.core.method;

import com.google.auto.service.AutoService;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;

/**
 * Two-stage learning: fit the predictor by mean squared error, checkpoint by validation MSE
 * (taskmet.md §3.1). Plugin {@code mse}.
 */
public final class MseMethod implements TrainingMethod {
  /** The plugin name. */
  public static final String NAME = "mse";

  /**
   * @param iterations maximum Adam steps (1000)
   * @param validationEvery validation period in steps (10)
   * @param patience early-stopping patience in steps (100)
   * @param batchSize instances per step; 0 = the task's outer batch size
   * @param learningRate predictor Adam lr; 0 = the task's
   */
  public record Config(int iterations, int validationEvery, int patience, int batchSize, double learningRate)
      implements LoopConfig {
    public static Config defaults() {
      return new Config(1000, 10, 100, 0, 0);
    }

    Config validate() {
      checkLoop(NAME);
      return this;
    }
  }

  private final Config config;

  public MseMethod(Config config) {
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
    InstanceLoss mse = (index, in, pred, grad, rng) -> InstanceLoss.mse(pred, in.targets(), grad, 1.0);
    LoopSettings s = config.resolve(request.task());
    return PredictorTrainer.train(NAME, request, s, mse, mse);
  }

  /** The {@code mse} plugin. */
  @AutoService(PluginProvider.class)
  public static final class Provider extends PluginProviderBase<TrainingMethod, Config> {
    public Provider() {
      super(NAME, PluginKind.METHOD, "two-stage: train the predictor on MSE, select by validation MSE",
          Config.class, Config.defaults(), MseMethod::new);
    }
  }
}
