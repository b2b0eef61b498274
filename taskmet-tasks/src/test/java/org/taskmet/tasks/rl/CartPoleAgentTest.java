package org.taskmet.tasks.rl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.taskmet.api.ProgressListener;
import org.taskmet.core.metric.NormalizedDiagonalMetric;
import org.taskmet.core.rl.AgentConfig;
import org.taskmet.core.rl.AgentRun;
import org.taskmet.core.rl.CheckedEnvironment;
import org.taskmet.core.rl.ModelLearning;

/** The agent on CartPole with distractors: same seed, bit-identical run. */
class CartPoleAgentTest {
  private static AgentRun.Result run(long seed) {
    AgentConfig r = AgentConfig.reference();
    AgentConfig config = new AgentConfig(r.hiddenUnits(), 64, 200, r.explorationEpsilon(), r.discount(), r.temperature(),
        r.targetSmoothing(), r.modelLearningRate(), r.qLearningRate(), r.metricLearningRate(), r.replayCapacity(),
        r.modelCgIterations(), r.qLevel(), r.qCgIterations(), 300, false);
    return AgentRun.run(ModelLearning.TASKMET, config, new AgentRun.Settings(600, 200, 3),
        new CheckedEnvironment("cartpole+8", new DistractorWrapper(new CartPole(CartPoleConfig.defaults()), 8)),
        new CheckedEnvironment("cartpole+8", new DistractorWrapper(new CartPole(CartPoleConfig.defaults()), 8)),
        NormalizedDiagonalMetric::new, seed, ProgressListener.NONE);
  }

  @Test
  void sameSeedGivesBitIdenticalReturnsAndMetric() {
    AgentRun.Result a = run(3);
    AgentRun.Result b = run(3);
    assertThat(a.curve()).hasSize(4);
    for (int i = 0; i < a.curve().size(); i++) {
      assertThat(a.curve().get(i).returns()).containsExactly(b.curve().get(i).returns());
    }
    assertThat(a.finalMetricDiagonal()).hasSize(12).containsExactly(b.finalMetricDiagonal());
    assertThat(a.curve().get(3).updates().metricGradientNorm()).isPositive();
  }
}
