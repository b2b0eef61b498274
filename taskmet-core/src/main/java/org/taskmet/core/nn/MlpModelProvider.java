package org.taskmet.core.nn;

import com.google.auto.service.AutoService;
import org.taskmet.api.Model;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;

/** The {@code mlp} model plugin: dense layers with an activation, exact second-order products. */
@AutoService(PluginProvider.class)
public final class MlpModelProvider extends PluginProviderBase<Model.Factory, MlpModelProvider.Config> {
  /**
   * @param hiddenLayers number of hidden layers (0 = linear model); reference 1 (budget, portfolio)
   * @param hiddenUnits units per hidden layer; reference 500
   * @param activation hidden activation: identity, relu, tanh, softplus, sigmoid
   * @param outputActivation activation after the last layer (budget: relu, portfolio: tanh)
   * @param init {@code pytorch} (uniform ±1/√fan_in) or {@code orthogonal}
   * @param orthogonalGain gain of orthogonal hidden weights (√2 for ReLU)
   * @param orthogonalOutputGain gain of the orthogonal output weights
   */
  public record Config(int hiddenLayers, int hiddenUnits, String activation, String outputActivation, String init,
      double orthogonalGain, double orthogonalOutputGain) {}

  public MlpModelProvider() {
    super("mlp", PluginKind.MODEL,
        "multi-layer perceptron (dense + activation layers) with exact VJP, JVP and Hessian-vector products",
        Config.class, new Config(1, 500, "relu", "identity", "pytorch", Math.sqrt(2), 1.0), MlpModelProvider::build);
  }

  private static Model.Factory build(MlpModelProvider.Config c) {
    if (c.hiddenLayers() < 0 || c.hiddenLayers() > 64) {
      throw new IllegalArgumentException("mlp.hiddenLayers = " + c.hiddenLayers() + "; expected 0..64");
    }
    if (c.hiddenLayers() > 0 && (c.hiddenUnits() < 1 || c.hiddenUnits() > 1_000_000)) {
      throw new IllegalArgumentException("mlp.hiddenUnits = " + c.hiddenUnits() + "; expected 1..1000000");
    }
    Activation hidden = named("activation", c.activation());
    Activation output = named("outputActivation", c.outputActivation());
    Initialization init;
    try {
      init = Initialization.byName(c.init(), c.orthogonalGain(), c.orthogonalOutputGain());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mlp.init/orthogonalGain/orthogonalOutputGain: " + e.getMessage(), e);
    }
    return (in, out) -> Sequential.mlp(in, out, c.hiddenLayers(), c.hiddenUnits(), hidden, output, init);
  }

  private static Activation named(String field, String value) {
    try {
      return Activation.byName(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mlp." + field + ": " + e.getMessage(), e);
    }
  }
}
