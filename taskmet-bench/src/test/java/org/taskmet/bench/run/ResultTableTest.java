package org.taskmet.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taskmet.bench.stats.PairedComparison;
import org.taskmet.bench.sweep.FinishedTrial;
import org.taskmet.bench.sweep.Trial;

class ResultTableTest {
  private static FinishedTrial<DecisionTrialSpec, DecisionTrialResult> trial(String task, String row, String data,
      int seed, double dq) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("task", task);
    labels.put("method", row);
    labels.put("seed", Integer.toString(seed));
    Map<String, Object> taskConfig = data == null ? Map.of() : Map.of("data", data);
    DecisionTrialSpec spec = new DecisionTrialSpec(task, taskConfig, row.toLowerCase(), Map.of(), seed, seed);
    DecisionTrialResult result = new DecisionTrialResult(Map.of("normalizedDq", dq, "mse", 0.1), 1, 0.1, Map.of());
    return new FinishedTrial<>(Trial.of("decision", labels, Map.of("seed", seed, "row", row, "task", task)), spec,
        result, null);
  }

  @Test
  void cellsCarryTheirDataAndThePairedDifferenceAgainstMse() {
    List<FinishedTrial<DecisionTrialSpec, DecisionTrialResult>> trials = new ArrayList<>();
    double[] mse = {0.20, 0.30, 0.25, 0.10, 0.35};
    for (int s = 0; s < 5; s++) {
      trials.add(trial("portfolio", "MSE", "stockdata", s, mse[s]));
      trials.add(trial("portfolio", "TaskMet", "stockdata", s, mse[s] + 0.05 + 0.01 * s)); // always better
      trials.add(trial("portfolio", "DFL α=0", "stockdata", s, mse[s] + (s % 2 == 0 ? 0.2 : -0.2))); // a wash
    }
    trials.add(trial("cubic", "MSE", null, 0, -0.9));
    trials.add(trial("cubic", "TaskMet", null, 1, 0.9)); // no seed in common with its MSE

    ResultTable table = ResultTable.of(trials);
    ResultTable.Cell taskmet = table.cells().get(1);
    PairedComparison p = taskmet.versusBaseline().orElseThrow();
    assertThat(p.pairs()).isEqualTo(5);
    assertThat(p.mean()).isCloseTo(0.07, offset(1e-12));
    assertThat(p.wins()).isEqualTo(5);
    assertThat(p.significant()).isTrue();
    ResultTable.Cell dfl = table.cells().get(2);
    assertThat(dfl.versusBaseline().orElseThrow().significant()).isFalse();
    assertThat(table.cells().get(0).versusBaseline()).isEmpty();
    assertThat(table.cells().get(4).versusBaseline()).isEmpty();

    String md = table.toMarkdown();
    assertThat(md).contains("| portfolio | TaskMet | stockdata | 5 | ")
        .containsPattern("\\| \\+0\\.070 \\[\\+0\\.0[0-9]{2}, \\+0\\.0[0-9]{2}\\] \\* \\| 5/5 \\|")
        .contains("| cubic | TaskMet | generated | 1 | 0.900 ± 0.000 | – | – |");
    // the median of the two rows' paired spreads sets the seed count for ±0.05
    double median = 0.5 * (dfl.versusBaseline().orElseThrow().std() + p.std());
    int expected = PairedComparison.seedsFor(median, 0.05, 3, 50);
    assertThat(table.seedsNeeded()).containsExactly(Map.entry("portfolio", expected));
  }
}
