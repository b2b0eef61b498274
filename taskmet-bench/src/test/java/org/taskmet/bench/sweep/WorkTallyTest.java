package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkTallyTest {
  private static WorkTally tally(double... costs) {
    Map<String, Double> cost = new LinkedHashMap<>();
    for (int i = 0; i < costs.length; i++) {
      cost.put("t" + i, costs[i]);
    }
    return new WorkTally(cost);
  }

  private static long step(WorkTally t, String id, long step, long steps) {
    t.step(id, step, steps);
    return t.done();
  }

  private static long end(WorkTally t, String id) {
    t.end(id);
    return t.done();
  }

  @Test
  void weighsTrialsByCostInTrialsOfAverageCost() {
    WorkTally t = tally(1, 3);
    assertThat(t.total()).isEqualTo(2 * WorkTally.UNIT);
    assertThat(step(t, "t1", 1, 2)).as("half of the dear trial").isEqualTo(750);
    assertThat(end(t, "t0")).isEqualTo(750 + 500);
    assertThat(t.finished()).isEqualTo(1);
    assertThat(end(t, "t1")).isEqualTo(t.total());
    assertThat(t.finished()).isEqualTo(2);
  }

  @Test
  void neverStepsBackwardsWhenATrialRaisesItsStepTotal() {
    WorkTally t = tally(1, 1);
    assertThat(step(t, "t0", 31, 100)).isEqualTo(310);
    assertThat(step(t, "t0", 31, 105)).as("the total grew: the share stays").isEqualTo(310);
    assertThat(step(t, "t0", 60, 105)).isEqualTo(571);
    assertThat(step(t, "t0", 200, 105)).as("steps beyond the total count as all").isEqualTo(1000);
    assertThat(t.finished()).as("a trial at its last step has not finished").isZero();
  }

  @Test
  void unusableCostsCountAsOneAndUnknownTrialsAreNamed() {
    WorkTally t = tally(Double.NaN, 0, 1);
    assertThat(t.total()).isEqualTo(3 * WorkTally.UNIT);
    assertThatThrownBy(() -> t.step("other", 1, 2)).hasMessageContaining("trial other");
  }
}
