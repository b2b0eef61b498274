package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.bench.cli.TaskmetCli;
import org.taskmet.core.plugin.PluginRegistry;

/** A sweep killed mid-run (SIGKILL, from the CLI in another JVM) resumes to the results of an uninterrupted run. */
class KilledSweepTest {
  static final String PLAN = "kind: test-arithmetic\nseeds: 3\nbase: {draws: 50, sleepMillis: 400}\naxes: {x: [1, 2, 3]}\n";

  @TempDir Path dir;

  @Test
  void aKilledSweepResumesWhereItStopped() throws Exception {
    Path plan = Files.writeString(dir.resolve("plan.yaml"), PLAN);
    Path out = dir.resolve("killed");
    Process run = ChildJvm.start(dir.resolve("run.log"), TaskmetCli.class, "sweep", plan.toString(), "--out",
        out.toString(), "--jobs", "1", "--no-plots");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    try {
      while (finished(out) < 3) {
        assertThat(run.isAlive()).as("the sweep ended early: see " + dir.resolve("run.log")).isTrue();
        assertThat(Instant.now()).as("no progress in time").isBefore(deadline);
        Thread.sleep(20);
      }
    } finally {
      run.destroyForcibly().waitFor();
    }
    int before = finished(out);
    assertThat(before).as("killed mid-sweep").isBetween(3, 8);

    PluginRegistry plugins = PluginRegistry.of(List.of());
    TrialKinds kinds = TrialKinds.of(List.of(new ArithmeticTrialKind()));
    Sweep sweep = Sweep.plan(SweepFile.parse("plan", "plan.yaml", PLAN), kinds, plugins);
    SweepRunner runner = new SweepRunner(kinds, plugins, new PrintStream(new ByteArrayOutputStream()));
    SweepRunner.Outcome resumed = runner.run(sweep, out, EngineOptions.local(2), "resume", false);
    assertThat(resumed.resumed()).isEqualTo(before);
    assertThat(resumed.ran()).isEqualTo(9 - before);
    assertThat(resumed.failures()).isEmpty();

    Path fresh = dir.resolve("fresh");
    runner.run(sweep, fresh, EngineOptions.local(1), "fresh", false);
    SameResults.assertSame(sweep, new ResultStore(out), new ResultStore(fresh), "values.csv");
    try (var files = Files.list(out.resolve("trials"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).as("no partial files").isEmpty();
    }
  }

  private static int finished(Path out) throws Exception {
    if (!Files.isDirectory(out.resolve("trials"))) {
      return 0;
    }
    try (var files = Files.list(out.resolve("trials"))) {
      return (int) files.filter(f -> f.toString().endsWith(".json")).count();
    }
  }
}
