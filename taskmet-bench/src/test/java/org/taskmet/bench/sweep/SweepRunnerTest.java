package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.core.plugin.PluginRegistry;

/** The runner with the local engine: storing, resuming, failures, the lock and the thread budget. */
class SweepRunnerTest {
  static final PluginRegistry PLUGINS = PluginRegistry.of(List.of());
  static final TrialKinds KINDS = TrialKinds.of(List.of(new ArithmeticTrialKind()));

  @TempDir Path dir;

  static Sweep plan(String yaml) {
    return Sweep.plan(SweepFile.parse("arith", "arith.yaml", yaml), KINDS, PLUGINS);
  }

  static SweepRunner runner() {
    return new SweepRunner(KINDS, PLUGINS, new PrintStream(new ByteArrayOutputStream()));
  }

  static final String GRID = "kind: test-arithmetic\nseeds: 3\nbase: {draws: 4}\naxes: {x: [1, 2]}\n";

  @Test
  void storesEachTrialWithItsArtifactsSummarizesAndResumes() throws Exception {
    Sweep sweep = plan(GRID);
    SweepRunner.Outcome first = runner().run(sweep, dir, EngineOptions.local(2), "test", true);
    assertThat(first.ran()).isEqualTo(6);
    assertThat(first.resumed()).isZero();
    assertThat(first.failures()).isEmpty();
    assertThat(first.engine()).startsWith("local (2 jobs");
    ResultStore store = new ResultStore(dir);
    for (Trial t : sweep.trials()) {
      TrialRecord r = store.load(t.id()).orElseThrow();
      assertThat(r.labels()).isEqualTo(t.labels());
      assertThat(SpecMaps.canonicalJson(r.spec())).isEqualTo(SpecMaps.canonicalJson(t.spec()));
      assertThat(r.environment()).containsKeys("taskmet", "java", "kernels", "engine", "host");
      assertThat(Files.readString(store.artifactFile(t.id(), "values.csv"))).startsWith("i,value\n0,");
      assertThat(r.scores().get("sum")).isEqualTo(r.result().get("sum").asDouble());
    }
    List<String> summary = Files.readAllLines(dir.resolve("summary.csv"));
    assertThat(summary).hasSize(7);
    assertThat(summary.get(0)).isEqualTo("x,seed,first,sum,seconds,trial_id");
    assertThat(summary.get(1)).startsWith("1,0,");
    String table = Files.readString(dir.resolve("table.md"));
    assertThat(table).contains("| x | trials | first (mean ± std) | sum (mean ± std) |").contains("| 2 | 3 |")
        .contains("Wall time").contains("6 trials (0 resumed");
    assertThat(dir.resolve(OutputLock.FILE)).exists();
    assertThat(OutputLock.holder(dir)).as("released").isEmpty();

    SweepRunner.Outcome again = runner().run(plan(GRID.replace("seeds: 3", "seeds: 4")), dir, EngineOptions.local(2),
        "test", true);
    assertThat(again.resumed()).isEqualTo(6);
    assertThat(again.ran()).isEqualTo(2);
    assertThat(Files.readAllLines(dir.resolve("summary.csv"))).hasSize(9);
    assertThat(runner().run(sweep, dir, EngineOptions.local(2), "test", true).engine()).isEqualTo("nothing to run");
  }

  @Test
  void aFailingTrialIsReportedByIdLeavesNoFileAndTheOthersFinish() throws Exception {
    Sweep sweep = plan("""
        kind: test-arithmetic
        base: {draws: 3}
        axes: {x: [1, 2, 3]}
        where:
          - {match: {x: 2}, set: {fail: throw}}
          - {match: {x: 3}, set: {fail: nan}}
        """);
    SweepRunner.Outcome o = runner().run(sweep, dir, EngineOptions.local(3), "test", false);
    Trial ok = sweep.trials().get(0);
    Trial thrown = sweep.trials().get(1);
    Trial nan = sweep.trials().get(2);
    assertThat(o.ran()).isEqualTo(1);
    assertThat(o.failures()).containsOnlyKeys(thrown.id(), nan.id());
    assertThat(o.failures().get(thrown.id())).isEqualTo("trial " + thrown.id() + " failed: asked to fail at x = 2.0");
    assertThat(o.failures().get(nan.id())).isEqualTo("trial " + nan.id()
        + " failed: score 'sum' is NaN (training diverged?); no result file was written");
    try (var files = Files.list(dir.resolve("trials"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(ok.id() + ".json", ok.id() + ".values.csv");
    }
    assertThat(Files.readString(dir.resolve("table.md"))).contains("2 failed");

    SweepRunner.Outcome again = runner().run(sweep, dir, EngineOptions.local(1), "test", false);
    assertThat(again.resumed()).as("only the failed trials run again").isEqualTo(1);
    assertThat(again.failures()).hasSize(2);
  }

  @Test
  void aSecondRunOnTheFolderStopsAtOnceNamingTheHolder() throws Exception {
    try (OutputLock held = OutputLock.acquire(dir, "taskmet sweep other.yaml")) {
      assertThatThrownBy(() -> runner().run(plan(GRID), dir, EngineOptions.local(1), "test", false))
          .isInstanceOf(OutputLock.FolderLockedException.class)
          .hasMessageContaining("result folder " + dir + " is in use by another run (pid "
              + ProcessHandle.current().pid() + " on ")
          .hasMessageContaining("taskmet sweep other.yaml");
    }
    assertThat(Files.exists(dir.resolve("trials"))).as("nothing ran").isFalse();
    assertThat(runner().run(plan(GRID), dir, EngineOptions.local(1), "test", false).ran()).isEqualTo(6);
  }

  @Test
  void temporaryFilesOfAKilledRunAreRemovedAndResultsKept() throws Exception {
    runner().run(plan(GRID), dir, EngineOptions.local(1), "test", false);
    Path leftover = Files.writeString(dir.resolve("trials").resolve("x_1234.json5678.tmp"), "{\"half");
    SweepRunner.Outcome o = runner().run(plan(GRID), dir, EngineOptions.local(1), "test", false);
    assertThat(leftover).doesNotExist();
    assertThat(o.resumed()).isEqualTo(6);
  }

  @Test
  void eachTrialGetsAnEqualShareOfTheCores() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(new LocalEngine(1, KINDS, PLUGINS).threadsPerTrial()).isEqualTo(cores);
    assertThat(new LocalEngine(0, KINDS, PLUGINS).jobs()).isEqualTo(cores);
    assertThat(new LocalEngine(cores * 2, KINDS, PLUGINS).threadsPerTrial()).isEqualTo(1);
    Sweep sweep = plan(GRID);
    runner().run(sweep, dir, EngineOptions.local(1), "test", false);
    TrialRecord r = new ResultStore(dir).load(sweep.trials().get(0).id()).orElseThrow();
    assertThat(r.result().get("threads").asInt()).isEqualTo(cores);
    assertThatThrownBy(() -> new LocalEngine(-1, KINDS, PLUGINS)).hasMessageContaining("--jobs must be >= 1");
  }
}
