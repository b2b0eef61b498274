package org.taskmet.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Model;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PredictorDefaults;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.conformance.ModelConformance;

class ModelProvidersTest {
  @Test
  void bothModelPluginsAreDiscoveredAndPassTheKit() {
    var names = ServiceLoader.load(PluginProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.kind() == PluginKind.MODEL).map(PluginProvider::name).toList();
    assertThat(names).contains("mlp", "linear");
    MlpModelProvider mlp = new MlpModelProvider();
    var cfg = new MlpModelProvider.Config(2, 7, "softplus", "tanh", "orthogonal", 1.3, 0.2);
    Model m = mlp.create(cfg).create(3, 2);
    assertThat(m.parameterCount()).isEqualTo(3 * 7 + 7 + 7 * 7 + 7 + 7 * 2 + 2);
    ModelConformance kit = new ModelConformance(FiniteDifferenceCheck.defaults());
    kit.check(m, 8, 4);
    kit.check(new LinearModelProvider().create(new org.taskmet.api.NoConfig()).create(2, 3), 9, 5);
  }

  @Test
  void mlpConfigIsValidatedFieldByField() {
    MlpModelProvider p = new MlpModelProvider();
    var d = p.defaultConfig();
    assertThat(p.create(d).create(10, 10).parameterCount()).isEqualTo(10 * 500 + 500 + 500 * 10 + 10);
    assertThatThrownBy(() -> p.create(new MlpModelProvider.Config(-1, 5, "relu", "identity", "pytorch", 1, 1)))
        .hasMessageContaining("mlp.hiddenLayers = -1");
    assertThatThrownBy(() -> p.create(new MlpModelProvider.Config(1, 5, "swish", "identity", "pytorch", 1, 1)))
        .hasMessageContaining("mlp.activation").hasMessageContaining("swish");
    assertThatThrownBy(() -> p.create(new MlpModelProvider.Config(1, 5, "relu", "identity", "xavier", 1, 1)))
        .hasMessageContaining("mlp.init").hasMessageContaining("xavier");
  }

  @Test
  void predictorDefaultsBuildTheReferenceArchitecture() {
    Model budget = ModelFactories.fromDefaults(new PredictorDefaults(1, 500, "relu", 1e-4, 100)).create(10, 10);
    assertThat(budget.toString()).isEqualTo("Sequential[10-500-relu-10-relu]");
    Model cubic = ModelFactories.fromDefaults(new PredictorDefaults(0, 0, "identity", 0.1, 50)).create(1, 1);
    assertThat(cubic.parameterCount()).isEqualTo(2);
  }
}
