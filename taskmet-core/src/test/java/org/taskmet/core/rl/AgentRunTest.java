package org.taskmet.core.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.taskmet.api.ProgressListener;
import org.taskmet.core.metric.NormalizedDiagonalMetric;
import org.taskmet.core.metric.PerSampleDiagonalMetric;

class AgentRunTest {
  private static final AgentConfig SMALL = new AgentConfig(8, 32, 100, 0.1, 0.99, 0.01, 0.01, 1e-3, 3e-4, 1e-3, 10_000,
      3, AgentConfig.QLevel.IDENTITY, 3, 200, false);

  private static AgentRun.Result run(ModelLearning method, long seed) {
    return AgentRun.run(method, SMALL, new AgentRun.Settings(400, 100, 2), new RlFixtures.Walk(30),
        new RlFixtures.Walk(30), NormalizedDiagonalMetric::new, seed, ProgressListener.NONE);
  }

  @ParameterizedTest
  @EnumSource(ModelLearning.class)
  void sameSeedGivesBitIdenticalReturnsAndParametersOtherSeedsDiffer(ModelLearning method) {
    AgentRun.Result a = run(method, 11);
    AgentRun.Result b = run(method, 11);
    assertThat(returns(a)).isEqualTo(returns(b));
    assertThat(a.curve()).hasSize(5); // steps 0, 100, 200, 300 and the final one at 400
    assertThat(a.updates()).isEqualTo(301); // from the end of the 100 random steps on
    if (method == ModelLearning.TASKMET) {
      assertThat(a.finalMetricDiagonal()).containsExactly(b.finalMetricDiagonal());
      // the metric moved after its warm-up (step 200), and its diagonal keeps the norm √d
      assertThat(a.finalMetricDiagonal()).isNotEqualTo(new double[] {1, 1});
      double norm = Math.hypot(a.finalMetricDiagonal()[0], a.finalMetricDiagonal()[1]);
      assertThat(norm).isCloseTo(Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-12));
    } else {
      assertThat(a.finalMetricDiagonal()).isNull();
    }
    assertThat(returns(run(method, 12))).isNotEqualTo(returns(a));
  }

  /** Any metric plugin works, e.g. a state-conditioned one (the paper's reduced-capacity variant). */
  @org.junit.jupiter.api.Test
  void taskMetLearnsAStateConditionedMetric() {
    AgentRun.Result r = AgentRun.run(ModelLearning.TASKMET, SMALL, new AgentRun.Settings(400, 100, 2),
        new RlFixtures.Walk(30), new RlFixtures.Walk(30), (in, out) -> new PerSampleDiagonalMetric(in, out, 8), 5,
        ProgressListener.NONE);
    assertThat(r.curve().get(r.curve().size() - 1).updates().metricGradientNorm()).isPositive();
    assertThat(r.finalMetricDiagonal()).hasSize(2);
    assertThat(java.util.Arrays.stream(r.finalMetricDiagonal()).boxed().toList())
        .allMatch(v -> v > 0 && Double.isFinite(v));
  }

  private static List<Double> returns(AgentRun.Result r) {
    List<Double> out = new ArrayList<>();
    for (AgentRun.Evaluation e : r.curve()) {
      for (double x : e.returns()) {
        out.add(x);
      }
    }
    return out;
  }
}
