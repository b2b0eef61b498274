package org.taskmet.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.bench.sweep.EngineOptions;
import org.taskmet.bench.sweep.SameResults;
import org.taskmet.bench.sweep.OutputLock;
import org.taskmet.bench.sweep.ResultStore;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepFile;
import org.taskmet.bench.sweep.SweepRunner;
import org.taskmet.bench.sweep.Trial;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.core.plugin.PluginRegistry;

/** The Spark engine in local mode (loopback only): same files as the local engine, failures, the folder lock. */
class SparkEngineTest {
  static final PluginRegistry PLUGINS = PluginRegistry.discover();
  static final TrialKinds KINDS = TrialKinds.discover();

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    LocalSpark.context();
  }

  static SweepRunner runner() {
    return new SweepRunner(KINDS, PLUGINS, new PrintStream(new ByteArrayOutputStream()));
  }

  static Sweep plan(String yaml) {
    return Sweep.plan(SweepFile.parse("plan", "plan.yaml", yaml), KINDS, PLUGINS);
  }

  @Test
  void realTrialsGiveTheSameResultFilesAsTheLocalEngine() throws Exception {
    Sweep sweep = plan("""
        kind: decision
        seeds: 2
        axes:
          task: [cubic]
          method:
            MSE: {method: mse, methodConfig: {iterations: 30}}
            DFL: {method: dfl, methodConfig: {alpha: 10, iterations: 8}}
            LODL: {method: lodl, methodConfig: {samples: 16, surrogateIterations: 5, optimalRestarts: 1, iterations: 8}}
            TaskMet: {method: taskmet, methodConfig: {outerIterations: 2, innerIterationsFirst: 20, innerIterations: 5}}
        """);
    SweepRunner.Outcome local = runner().run(sweep, dir.resolve("local"), EngineOptions.local(1), "local", false);
    SweepRunner.Outcome spark = runner().run(sweep, dir.resolve("spark"), LocalSpark.engine(), "spark", true);
    assertThat(local.failures()).isEmpty();
    assertThat(spark.failures()).isEmpty();
    assertThat(spark.ran()).isEqualTo(8);
    assertThat(spark.engine()).isEqualTo("spark (local[2,2], 1 thread per trial)");
    SameResults.assertIdentical(sweep, new ResultStore(dir.resolve("local")),
        new ResultStore(dir.resolve("spark")));
    Trial first = sweep.trials().get(0);
    assertThat(new ResultStore(dir.resolve("spark")).load(first.id()).orElseThrow().environment())
        .containsEntry("engine", "spark (local[2,2], 1 thread per trial)");
    assertThat(Files.readString(dir.resolve("spark").resolve("table.md"))).contains("| cubic | TaskMet | generated | 2 |");
    assertThat(dir.resolve("spark").resolve("cubic-predictions.png")).exists();
  }

  @Test
  void aTrialThatThrowsOnAnExecutorIsRetriedThenReportedByIdAndLeavesNoFile() throws Exception {
    Sweep sweep = plan("""
        kind: test-arithmetic
        base: {draws: 3}
        axes: {x: [1, 2, 3]}
        where:
          - {match: {x: 2}, set: {fail: throw}}
          - {match: {x: 3}, set: {fail: nan}}
        """);
    SweepRunner.Outcome o = runner().run(sweep, dir, LocalSpark.engine(), "spark", false);
    Trial ok = sweep.trials().get(0);
    Trial thrown = sweep.trials().get(1);
    Trial nan = sweep.trials().get(2);
    assertThat(o.ran()).isEqualTo(1);
    assertThat(o.failures().get(thrown.id()))
        .isEqualTo("trial " + thrown.id() + " failed: asked to fail at x = 2.0 (on Spark, after 2 attempts)");
    assertThat(o.failures().get(nan.id())).isEqualTo("trial " + nan.id() + " failed: score 'sum' is NaN (training "
        + "diverged?); no result file was written (on Spark, after 2 attempts)");
    try (var files = Files.list(dir.resolve("trials"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(ok.id() + ".json", ok.id() + ".values.csv");
    }
  }

  @Test
  void aSecondRunOnTheFolderStopsBeforeAnySparkJob() throws Exception {
    Sweep sweep = plan("kind: test-arithmetic\nseeds: 2\nbase: {draws: 2}\n");
    int jobsBefore = LocalSpark.context().statusTracker().getJobIdsForGroup(null).length;
    try (OutputLock held = OutputLock.acquire(dir, "the first run")) {
      assertThatThrownBy(() -> runner().run(sweep, dir, LocalSpark.engine(), "second", false))
          .isInstanceOf(OutputLock.FolderLockedException.class).hasMessageContaining("the first run");
    }
    assertThat(LocalSpark.context().statusTracker().getJobIdsForGroup(null)).hasSize(jobsBefore);
    assertThat(runner().run(sweep, dir, LocalSpark.engine(), "after", false).ran()).isEqualTo(2);
    assertThat(LocalSpark.context().statusTracker().getJobIdsForGroup(null)).hasSize(jobsBefore + 2);
  }

  @Test
  void jobsAndNonSparkSettingsAreRejected() {
    Sweep sweep = plan("kind: test-arithmetic\nbase: {draws: 2}\n");
    assertThatThrownBy(() -> runner().run(sweep, dir, new EngineOptions("spark", 2, null, java.util.Map.of()), "x",
        false)).hasMessageContaining("--jobs is for the local engine");
    assertThatThrownBy(() -> runner().run(sweep, dir, new EngineOptions("spark", 0, LocalSpark.MASTER,
        java.util.Map.of("executor.memory", "2g")), "x", false))
        .hasMessageContaining("--conf executor.memory=2g: the Spark engine takes Spark properties");
  }
}
