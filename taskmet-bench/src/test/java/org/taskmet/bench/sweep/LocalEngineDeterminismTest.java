package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.bench.run.DecisionTrialKind;
import org.taskmet.core.plugin.PluginRegistry;

/** Real training trials give the same result files, bit for bit, whether run one at a time or four at once. */
class LocalEngineDeterminismTest {
  static final String PLAN = """
      kind: decision
      seeds: 3
      axes:
        task: [cubic]
        method:
          MSE: {method: mse, methodConfig: {iterations: 30}}
          DFL: {method: dfl, methodConfig: {alpha: 10, iterations: 8}}
          LODL: {method: lodl, methodConfig: {samples: 16, surrogateIterations: 5, optimalRestarts: 1, iterations: 8}}
          TaskMet: {method: taskmet, methodConfig: {outerIterations: 2, innerIterationsFirst: 20, innerIterations: 5}}
      """;

  @TempDir Path dir;

  @Test
  void jobsDoNotChangeResults() throws Exception {
    PluginRegistry plugins = PluginRegistry.discover();
    TrialKinds kinds = TrialKinds.discover();
    Sweep sweep = Sweep.plan(SweepFile.parse("det", "det.yaml", PLAN), kinds, plugins);
    SweepRunner runner = new SweepRunner(kinds, plugins, new PrintStream(new ByteArrayOutputStream()));
    SweepRunner.Outcome one = runner.run(sweep, dir.resolve("one"), EngineOptions.local(1), "test", false);
    SweepRunner.Outcome four = runner.run(sweep, dir.resolve("four"), EngineOptions.local(4), "test", false);
    assertThat(one.failures()).isEmpty();
    assertThat(four.failures()).isEmpty();
    assertThat(one.ran()).isEqualTo(12);
    assertThat(four.ran()).isEqualTo(12);
    assertIdentical(sweep, new ResultStore(dir.resolve("one")), new ResultStore(dir.resolve("four")));
  }

  /**
   * Same spec, scores, result and predictor file for every trial, bit for bit, except the wall and CPU times
   * (fields whose name contains "seconds", e.g. {@code trainSeconds}, {@code cpuSecondsPerOuterStep}).
   */
  public static void assertIdentical(Sweep sweep, ResultStore a, ResultStore b) throws Exception {
    for (Trial t : sweep.trials()) {
      TrialRecord x = a.load(t.id()).orElseThrow();
      TrialRecord y = b.load(t.id()).orElseThrow();
      assertThat(SpecMaps.canonicalJson(y.spec())).as(t.id()).isEqualTo(SpecMaps.canonicalJson(x.spec()));
      assertThat(y.scores()).as(t.id()).isEqualTo(x.scores());
      assertThat(withoutTimings(y.result())).as(t.id()).isEqualTo(withoutTimings(x.result()));
      JsonNode px = ResultStore.JSON.readTree(a.artifactFile(t.id(), DecisionTrialKind.PREDICTOR).toFile());
      JsonNode py = ResultStore.JSON.readTree(b.artifactFile(t.id(), DecisionTrialKind.PREDICTOR).toFile());
      assertThat(withoutTimings(py)).as(t.id()).isEqualTo(withoutTimings(px));
      assertThat(py.get("parameters").size()).isPositive();
    }
  }

  /** A copy without timing fields, at any depth. */
  public static JsonNode withoutTimings(JsonNode n) {
    JsonNode copy = n.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      List<String> timing = new ArrayList<>();
      o.fieldNames().forEachRemaining(f -> {
        if (f.toLowerCase(java.util.Locale.ROOT).contains("seconds")) {
          timing.add(f);
        }
      });
      o.remove(timing);
    }
    n.forEach(LocalEngineDeterminismTest::strip);
  }
}
