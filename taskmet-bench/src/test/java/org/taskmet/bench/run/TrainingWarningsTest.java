package org.taskmet.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingWarningsTest {
  static final Map<String, Double> SCORES = Map.of("normalizedDq", 0.4, "mse", 2.0);

  @Test
  void aTrainedPredictorHasNone() {
    assertThat(TrainingWarnings.of(SCORES, Map.of("steps", 100.0, "bestStep", 60.0, "bestValidationLoss", -1.0)))
        .isEmpty();
    assertThat(TrainingWarnings.of(SCORES, Map.of())).as("a method without these diagnostics").isEmpty();
    assertThat(TrainingWarnings.of(SCORES, Map.of("steps", 0.0, "bestStep", 0.0)))
        .as("iterations = 0 asks for the initial model").isEmpty();
  }

  @Test
  void eachSignOfDivergenceIsNamed() {
    assertThat(TrainingWarnings.of(SCORES, Map.of("steps", 40.0, "bestStep", 0.0))).singleElement().asString()
        .startsWith("untrained: the best validation loss is the initial model's (none of 40 training steps");
    assertThat(TrainingWarnings.of(SCORES, Map.of("bestValidationLoss", Double.POSITIVE_INFINITY)))
        .containsExactly("diagnostic 'bestValidationLoss' is Infinity (the loss left its possible range)");
    assertThat(TrainingWarnings.of(Map.of("normalizedDq", 1.2), Map.of())).singleElement().asString()
        .startsWith("normalized decision quality 1.2 is above 1");
    assertThat(TrainingWarnings.of(Map.of("normalizedDq", 1.0 + 1e-12), Map.of())).as("rounding").isEmpty();
  }
}
