package org.taskmet.spark;


import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.bench.cli.TaskmetCli;
import org.taskmet.bench.sweep.ArithmeticTrialKind;
import org.taskmet.bench.sweep.ChildJvm;
import org.taskmet.bench.sweep.EngineOptions;
import org.taskmet.bench.sweep.ResultStore;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepFile;
import org.taskmet.bench.sweep.SweepRunner;
import org.taskmet.bench.sweep.Trial;
import org.taskmet.bench.sweep.TrialKind;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.bench.sweep.TrialRecord;
import org.taskmet.conformance.PluginJars;
import org.taskmet.core.plugin.PluginRegistry;
import static org.assertj.core.api.Assertions.assertThat;

/** The Spark engine from the command line, killed mid-sweep, and with a trial kind that only a plugin jar has. */
class SparkSweepProcessTest {
  static final PluginRegistry PLUGINS = PluginRegistry.of(List.of());

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    LocalSpark.context();
  }

  @Test
  void theCommandLineRunsASweepOnSpark() throws Exception {
    Path plan = Files.writeString(dir.resolve("tiny.yaml"),
        "kind: test-arithmetic\nseeds: 2\nbase: {draws: 3}\naxes: {x: [1, 2]}\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TaskmetCli.execute(new String[] {"sweep", plan.toString(), "--engine", "spark", "--master", "local[2]",
        "--out", dir.resolve("out").toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("| x | trials | first (mean ± std) | sum (mean ± std) |")
        .contains("for 4 trials (0 resumed from earlier runs), sweep 'tiny', engine spark (");
    assertThat(Files.readAllLines(dir.resolve("out/summary.csv"))).hasSize(5);
  }

  @Test
  void aKilledSparkSweepResumesToTheResultsOfAnUninterruptedRun() throws Exception {
    String yaml = "kind: test-arithmetic\nseeds: 3\nbase: {draws: 20, sleepMillis: 700}\naxes: {x: [1, 2, 3]}\n";
    Path plan = Files.writeString(dir.resolve("plan.yaml"), yaml);
    Path out = dir.resolve("killed");
    Process run = ChildJvm.start(dir.resolve("run.log"), TaskmetCli.class, "sweep", plan.toString(), "--engine",
        "spark", "--master", "local[1]", "--out", out.toString(), "--no-plots");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
    try {
      while (finished(out) < 2) {
        assertThat(run.isAlive()).as("the sweep ended early: see " + dir.resolve("run.log")).isTrue();
        assertThat(Instant.now()).as("no progress in time: see " + dir.resolve("run.log")).isBefore(deadline);
        Thread.sleep(20);
      }
    } finally {
      run.destroyForcibly().waitFor();
    }
    int before = finished(out);
    assertThat(before).as("killed mid-sweep").isBetween(2, 8);
    assertThat(Files.readString(dir.resolve("run.log"))).contains("9 trials to run on spark (local[1]");

    TrialKinds kinds = TrialKinds.of(List.of(new ArithmeticTrialKind()));
    Sweep sweep = Sweep.plan(SweepFile.parse("plan", "plan.yaml", yaml), kinds, PLUGINS);
    SweepRunner runner = new SweepRunner(kinds, PLUGINS, new PrintStream(new ByteArrayOutputStream()));
    SweepRunner.Outcome resumed = runner.run(sweep, out, LocalSpark.engine(), "resume", false);
    assertThat(resumed.resumed()).isEqualTo(before);
    assertThat(resumed.ran()).isEqualTo(9 - before);
    assertThat(resumed.failures()).isEmpty();

    Path fresh = dir.resolve("fresh");
    runner.run(sweep, fresh, EngineOptions.local(1), "fresh", false);
    for (Trial t : sweep.trials()) {
      TrialRecord a = new ResultStore(out).load(t.id()).orElseThrow();
      TrialRecord b = new ResultStore(fresh).load(t.id()).orElseThrow();
      assertThat(a.scores()).isEqualTo(b.scores());
      assertThat(a.result().get("values")).isEqualTo(b.result().get("values"));
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

  static final String PLUGIN_KIND = """
      package org.example.sweep;
      import java.util.*;
      import org.taskmet.bench.sweep.*;
      public final class SquareKind implements TrialKind<SquareKind.Spec, SquareKind.Result> {
        public record Spec(double x, long seed) {}
        public record Result(double square) {}
        public String name() { return "test-plugin-square"; }
        public String description() { return "x squared, from a plugin jar"; }
        public Class<Spec> specType() { return Spec.class; }
        public Class<Result> resultType() { return Result.class; }
        public List<String> seedFields() { return List.of("seed"); }
        public TrialOutput<Result> run(Spec s, TrialContext c) { return TrialOutput.of(new Result(s.x() * s.x())); }
        public Map<String, Double> scores(Result r) { return Map.of("square", r.square()); }
      }
      """;

  @Test
  void aTrialKindFromAPluginJarReachesTheExecutorsThroughSparksJars() throws Exception {
    Path jar = PluginJars.build(dir, "square-kind", Map.of("org.example.sweep.SquareKind", PLUGIN_KIND),
        TrialKind.class, List.of("org.example.sweep.SquareKind"), System.getProperty("java.class.path"));
    assertThat(TrialKinds.discover().all()).as("not on the test class path").doesNotContainKey("test-plugin-square");
    // the driver loads the jar itself; the executors get it only through Spark (spark.jars / --jars / addJar)
    TrialKinds kinds;
    try (URLClassLoader driver = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      kinds = TrialKinds.discover(driver);
      LocalSpark.context().addJar(jar.toString());
      Sweep sweep = Sweep.plan(SweepFile.parse("squares", "squares.yaml",
          "kind: test-plugin-square\nseeds: 2\naxes: {x: [3, 4]}\n"), kinds, PLUGINS);
      SweepRunner.Outcome o = new SweepRunner(kinds, PLUGINS, new PrintStream(new ByteArrayOutputStream()))
          .run(sweep, dir.resolve("squares"), LocalSpark.engine(), "plugin", false);
      assertThat(o.failures()).isEmpty();
      assertThat(o.finished()).extracting(r -> r.scores().get("square")).containsExactly(9.0, 9.0, 16.0, 16.0);
    }
  }
}
