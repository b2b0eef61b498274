package org.taskmet.core.rl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.taskmet.core.metric.NormalizedDiagonalMetric;

class ModelBasedAgentTest {
  private static AgentConfig config(boolean resetModelAdam) {
    return new AgentConfig(8, 32, 100, 0.1, 0.99, 0.01, 0.01, 1e-3, 3e-4, 1e-3, 10_000, 3, AgentConfig.QLevel.IDENTITY,
        3, 0, resetModelAdam);
  }

  /** Fraction of the model's parameters that moved by the learning rate (within 1 %) in one more update. */
  private static double fractionMovedByTheLearningRate(boolean resetModelAdam) {
    UpdateCost.Prepared p = UpdateCost.prepare(ModelLearning.TASKMET, config(resetModelAdam), new RlFixtures.Walk(30),
        NormalizedDiagonalMetric::new, 3);
    for (int i = 0; i < 5; i++) {
      p.update();
    }
    double[] before = p.agent().modelParameters().clone();
    p.update();
    double[] after = p.agent().modelParameters();
    int atRate = 0;
    for (int i = 0; i < before.length; i++) {
      double step = Math.abs(after[i] - before[i]);
      if (resetModelAdam) {
        assertThat(step).isLessThanOrEqualTo(1e-3 * (1 + 1e-9)); // Adam's first step: lr·|g|/(|g| + ε) ≤ lr
      }
      if (Math.abs(step - 1e-3) < 1e-5) {
        atRate++;
      }
    }
    return (double) atRate / before.length;
  }

  /**
   * The authors' TaskMet update returns the model's optimizer state unchanged, so every model step is Adam's first:
   * lr·g/(|g| + ε), the full learning rate for every parameter with a gradient. A warm Adam state scales steps by
   * the gradients' history.
   */
  @Test
  void resetModelAdamMakesEveryModelStepAdamsFirst() {
    assertThat(fractionMovedByTheLearningRate(true)).isGreaterThan(0.5);
    assertThat(fractionMovedByTheLearningRate(false)).isLessThan(0.2);
  }
}
