package org.taskmet.core.nn;

import org.taskmet.api.Model;
import org.taskmet.api.PredictorDefaults;

/** Model factories for the reference architectures tasks declare. */
public final class ModelFactories {
  private ModelFactories() {}

  /**
   * The factory of a task's reference predictor: {@code hiddenLayers} ReLU layers of {@code hiddenUnits}
   * units (0 = linear), the stated output activation, PyTorch's default initialization.
   */
  public static Model.Factory fromDefaults(PredictorDefaults defaults) {
    Activation output = Activation.byName(defaults.outputActivation());
    int layers = defaults.hiddenLayers();
    int units = defaults.hiddenUnits();
    if (layers < 0 || (layers > 0 && units < 1)) {
      throw new IllegalArgumentException("predictor defaults need hiddenLayers >= 0 and hiddenUnits >= 1, got "
          + defaults);
    }
    return (in, out) -> Sequential.mlp(in, out, layers, units, Activation.RELU, output,
        Initialization.pytorchDefault());
  }
}
