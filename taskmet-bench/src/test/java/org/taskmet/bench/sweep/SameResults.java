package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.taskmet.bench.run.DecisionTrialKind;

/** Checks that two result folders of one decision-focused sweep hold the same results (any two engines). */
public final class SameResults {
  private SameResults() {}

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

  /**
   * Same scores, result (without timings and the thread budget the engine gave, which a resumed run may choose
   * differently) and artifacts {@code artifacts} for every trial, bit for bit: for any kind, e.g. a sweep resumed
   * after a fault against one that ran without.
   */
  public static void assertSame(Sweep sweep, ResultStore a, ResultStore b, String... artifacts) throws Exception {
    for (Trial t : sweep.trials()) {
      TrialRecord x = a.load(t.id()).orElseThrow();
      TrialRecord y = b.load(t.id()).orElseThrow();
      assertThat(y.scores()).as(t.id()).isEqualTo(x.scores());
      assertThat(withoutThreads(y.result())).as(t.id()).isEqualTo(withoutThreads(x.result()));
      for (String name : artifacts) {
        assertThat(java.nio.file.Files.readString(b.artifactFile(t.id(), name))).as(t.id() + "." + name)
            .isEqualTo(java.nio.file.Files.readString(a.artifactFile(t.id(), name)));
      }
    }
  }

  private static JsonNode withoutThreads(JsonNode result) {
    JsonNode copy = withoutTimings(result);
    if (copy instanceof ObjectNode o) {
      o.remove("threads");
    }
    return copy;
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
    n.forEach(SameResults::strip);
  }
}
