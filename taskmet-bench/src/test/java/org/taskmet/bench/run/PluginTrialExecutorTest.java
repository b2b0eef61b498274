package org.taskmet.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taskmet.api.ProgressListener;
import org.taskmet.bench.sweep.TrialContext;
import org.taskmet.core.plugin.PluginRegistry;

/** The CLI's trials train through the embedding API with the spec's model choice. */
class PluginTrialExecutorTest {
  static final PluginRegistry PLUGINS = PluginRegistry.discover();

  @Test
  void aChosenModelPluginTrainsThePredictorAndTheReferenceOneIsTheDefault() {
    TrialContext context = new TrialContext("test", PLUGINS, 1, ProgressListener.NONE);
    DecisionTrialSpec hidden = new DecisionTrialSpec("cubic", Map.of(), "mse", Map.of("iterations", 5), 3, 4, "mlp",
        Map.of("hiddenLayers", 1, "hiddenUnits", 6));
    ExecutedTrial t = new PluginTrialExecutor().execute(hidden, context);
    assertThat(t.predictor().trained().parameters()).hasSize(1 * 6 + 6 + 6 * 1 + 1); // 1 -> 6 -> 1 on one feature
    assertThat(t.predictor().spec()).isEqualTo(hidden.training());
    assertThat(t.predictor().model().config()).containsEntry("hiddenUnits", 6);

    DecisionTrialSpec reference = new DecisionTrialSpec("cubic", Map.of(), "mse", Map.of("iterations", 5), 3, 4);
    ExecutedTrial r = new PluginTrialExecutor().execute(reference, context);
    assertThat(r.predictor().trained().parameters()).hasSize(2); // cubic's reference predictor: linear, 1 -> 1
  }
}
