package org.taskmet.bench.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.bench.sweep.EngineOptions;
import org.taskmet.bench.sweep.ResultStore;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepRunner;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.bench.sweep.TrialRecord;
import org.taskmet.core.plugin.PluginRegistry;

class RlTrialKindTest {
  private final PluginRegistry plugins = PluginRegistry.discover();
  private final RlTrialKind kind = new RlTrialKind();

  /** A small agent so a trial takes a second: 8 hidden units, batch 32, 100 random steps, metric from step 200. */
  private static RlSpec small(String method, int distractors, long seed) {
    return new RlSpec(null, null, distractors, method, null, null,
        Map.of("hiddenUnits", 8, "batchSize", 32, "randomSteps", 100, "metricWarmupSteps", 200), 600, 200, 2, seed);
  }

  @Test
  void isDiscoveredAndCanonicalFormFillsEveryDefault() {
    assertThat(TrialKinds.discover().get("rl")).isInstanceOf(RlTrialKind.class);
    RlSpec c = kind.canonical(small("taskmet", 3, 0), plugins);
    assertThat(c.environment()).isEqualTo("cartpole");
    assertThat(c.environmentConfig()).containsEntry("maxEpisodeSteps", 500).containsEntry("gravity", 9.8);
    assertThat(c.metric()).isEqualTo("normalized-diagonal");
    assertThat(c.agent()).containsEntry("hiddenUnits", 8).containsEntry("discount", 0.99)
        .containsEntry("qLevel", "IDENTITY").containsEntry("modelCgIterations", 10);
    assertThat(kind.canonical(c, plugins)).isEqualTo(c);
    RlSpec typo = new RlSpec(null, null, 3, "mle", null, null, Map.of("hidenUnits", 8), 600, 200, 2, 0);
    assertThatThrownBy(() -> kind.canonical(typo, plugins)).hasMessageContaining("unknown field 'hidenUnits'")
        .hasMessageContaining("hiddenUnits");
    RlSpec bad = new RlSpec(null, null, 3, "mle", null, null, Map.of("discount", 1.5), 600, 200, 2, 0);
    assertThatThrownBy(() -> kind.canonical(bad, plugins)).hasMessageContaining("'discount' = 1.5");
  }

  @Test
  void progressWeighsTaskMetTrialsByTheirMuchLargerUpdates() {
    RlSpec mle = kind.canonical(small("mle", 64, 0), plugins);
    RlSpec taskmet = kind.canonical(small("taskmet", 64, 0), plugins);
    assertThat(kind.relativeCost(taskmet) / kind.relativeCost(mle)).isGreaterThan(5);
  }

  /** One job or two, the result files hold the same numbers bit for bit (each trial is single-threaded). */
  @Test
  void resultsDoNotDependOnTheNumberOfJobs(@TempDir Path dir) throws Exception {
    Map<String, List<Double>> byJobs = new LinkedHashMap<>();
    for (int jobs : new int[] {1, 2}) {
      Sweep.Builder<RlSpec> b = Sweep.builder("rl-test", kind, plugins);
      for (String m : List.of("mle", "taskmet")) {
        b.add(Map.of("method", m, "seed", "0"), small(m, 2, 0));
      }
      Sweep sweep = b.build();
      Path out = dir.resolve("jobs" + jobs);
      SweepRunner.Outcome o = new SweepRunner(TrialKinds.of(List.of(kind)), plugins,
          new PrintStream(OutputStream.nullOutputStream())).run(sweep, out, EngineOptions.local(jobs), "test", false);
      assertThat(o.failures()).isEmpty();
      List<Double> returns = new java.util.ArrayList<>();
      for (TrialRecord r : o.finished()) {
        RlResult result = ResultStore.JSON.treeToValue(r.result(), RlResult.class);
        result.curve().forEach(e -> {
          for (double x : e.returns()) {
            returns.add(x);
          }
        });
        if (result.finalMetricDiagonal() != null) {
          for (double x : result.finalMetricDiagonal()) {
            returns.add(x);
          }
        }
      }
      byJobs.put("jobs " + jobs, returns);
      assertThat(Files.readString(out.resolve("table.md"))).contains("| TaskMet |");
    }
    assertThat(byJobs.get("jobs 1")).isNotEmpty().isEqualTo(byJobs.get("jobs 2"));
  }
}
