package org.taskmet.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taskmet.api.PluginKind;
import org.taskmet.api.ProgressListener;
import org.taskmet.api.Task;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.method.TaskmetMethod;
import org.taskmet.core.nn.Sequential;

/** A metric plugin's settings are reachable: {@code --set metricConfig.KEY=VALUE} and {@code metricConfig:} in files. */
class MetricConfigTest {
  final PluginRegistry registry = PluginRegistry.discover();

  TaskmetMethod method(Map<String, ?> overrides) {
    return (TaskmetMethod) Plugins.create(registry, PluginKind.METHOD, TrainingMethod.class, "taskmet", overrides);
  }

  static TrainedPredictor trainZeroSteps(TaskmetMethod method) {
    Task task = CheckedDecisionProblemTest.task(z -> z, g -> g, false, new ArrayList<>());
    return method.train(new TrainingRequest(task, task.generate(0), Sequential::linear, 0, ProgressListener.NONE));
  }

  @Test
  void aDottedKeyReachesOneFieldOfTheMetricsConfig() {
    TaskmetMethod wide = method(Map.of("outerIterations", 0, "metricConfig.hiddenUnits", "20"));
    assertThat(wide.config().metricConfig()).containsExactly(Map.entry("hiddenUnits", "20"));
    TaskmetMethod reference = method(Map.of("outerIterations", 0));
    assertThat(reference.config().metricConfig()).isEmpty();
    // taskmet-mlp: Linear(F, hidden) -> ReLU -> Linear(hidden, n²) plus the identity scale; F = n = 1
    assertThat(trainZeroSteps(wide).metric().parameterCount()).isEqualTo(1 + 20 * 2 + 20 + 1);
    int h = (Integer) PluginConfigs.toMap(registry.provider(PluginKind.METRIC, "taskmet-mlp").defaultConfig())
        .get("hiddenUnits");
    assertThat(h).isNotEqualTo(20);
    assertThat(trainZeroSteps(reference).metric().parameterCount()).isEqualTo(1 + h * 2 + h + 1);
  }

  @Test
  void aNestedMapFromAConfigFileMergesIntoTheDefaults() {
    TaskmetMethod m = method(Map.of("outerIterations", 0, "metricConfig", Map.of("identityInit", false)));
    assertThat(m.config().metricConfig()).containsExactly(Map.entry("identityInit", false));
    assertThat(trainZeroSteps(m).metric()).isNotNull();
  }

  @Test
  void anUnknownMetricKeyNamesTheMetricAndItsKeys() {
    assertThatThrownBy(() -> method(Map.of("metricConfig.rank", "4")))
        .hasMessage("unknown config key 'rank' for metric 'taskmet-mlp'; accepted: hiddenUnits, identityInit");
    assertThatThrownBy(() -> method(Map.of("metric", "diagonal-typo")))
        .hasMessageStartingWith("unknown metric 'diagonal-typo'; accepted: ");
  }

  @Test
  void anEmptyMetricConfigIsLeftOutOfTheRecordedConfigSoTrialIdsDoNotChange() {
    assertThat(PluginConfigs.toMap(TaskmetMethod.Config.defaults())).doesNotContainKey("metricConfig");
    assertThat(PluginConfigs.toMap(method(Map.of("metricConfig.hiddenUnits", 3)).config()))
        .containsEntry("metricConfig", Map.of("hiddenUnits", 3));
  }
}
