package org.taskmet.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.core.provenance.BuildInfo;

class TaskmetCliTest {
  @TempDir Path dir;
  final FakePlugins.CountingExecutor executor = new FakePlugins.CountingExecutor();
  String out;
  String err;

  int run(String... args) {
    CliRun r = CliRun.of(executor, args);
    out = r.out();
    err = r.err();
    return r.code();
  }

  @Test
  void pluginsListsKindNameAndDescription() {
    assertThat(run("plugins")).isZero();
    assertThat(out).contains("task", "cubic", "fake cubic task").contains("method", "mse", "fake two-stage method");
    assertThat(run("plugins", "--kind", "method", "--config")).isZero();
    assertThat(out).contains("mse").doesNotContain("fake cubic task").contains("iterations = ", "learningRate = ");
  }

  @Test
  void unknownPluginNamesTheValueAndTheAcceptedOnes() {
    assertThat(run("run", "--task", "cubicc", "--method", "mse")).isEqualTo(2);
    assertThat(err.strip()).isEqualTo("taskmet: error: unknown task 'cubicc'; accepted: cubic");
    assertThat(run("run", "--task", "cubic", "--method", "taskmet")).isEqualTo(2);
    assertThat(err).contains("unknown method 'taskmet'; accepted: mse").doesNotContain("at org.");
  }

  @Test
  void unknownConfigKeyListsTheAcceptedKeys() {
    assertThat(run("run", "--task", "cubic", "--method", "mse", "--set", "lr=0.1")).isEqualTo(2);
    assertThat(err).contains("unknown config key 'lr' for method 'mse'; accepted: batchSize, iterations, "
        + "learningRate, patience, validationEvery");
  }

  @Test
  void wrongTypeNamesTheKeyAndTheExpectedType() {
    assertThat(run("run", "--task", "cubic", "--method", "mse", "--set", "iterations=many")).isEqualTo(2);
    assertThat(err).contains("config key 'iterations' of method 'mse' expects an integer, got 'many'");
    assertThat(run("run", "--task", "cubic", "--method", "mse", "--set", "iterations")).isEqualTo(2);
    assertThat(err).contains("--set expects key=value, got 'iterations'");
  }

  @Test
  void invalidValueIsReportedByThePlugin() {
    assertThat(run("run", "--task", "cubic", "--method", "mse", "--set", "iterations=0")).isEqualTo(2);
    assertThat(err).contains("iterations must be >= 1, got 0");
  }

  @Test
  void missingAndMalformedConfigFiles() throws Exception {
    assertThat(run("run", "--config", dir.resolve("nope.yaml").toString())).isEqualTo(2);
    assertThat(err).contains("config file " + dir.resolve("nope.yaml") + " does not exist");

    Path bad = Files.writeString(dir.resolve("bad.yaml"), "task: cubic\nmethod: mse\nsede: 3\n");
    assertThat(run("run", "--config", bad.toString())).isEqualTo(2);
    assertThat(err).contains("unknown key 'sede'").contains("accepted: datasetSeed, method, methodConfig, model, modelConfig, seed, task, taskConfig");

    Path typed = Files.writeString(dir.resolve("typed.json"), "{\"task\": \"cubic\", \"method\": \"mse\", \"seed\": \"x\"}");
    assertThat(run("run", "--config", typed.toString())).isEqualTo(2);
    assertThat(err.strip()).isEqualTo("taskmet: error: config file " + typed + ": 'seed' expects an integer, got 'x'");

    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"task\": \"cubic\",");
    assertThat(run("run", "--config", broken.toString())).isEqualTo(2);
    assertThat(err).contains("config file " + broken + " is not valid JSON: ");
  }

  /** What YAML would accept silently or report with a parser's hints: one line each, naming file and key. */
  @Test
  void yamlConfigFilesAreStrict() throws Exception {
    String[][] cases = {
        {"seed: 1.5\n", ": 'seed' expects an integer, got 1.5"},
        {"seed: 1\nmethodConfig: {iterations: 3}\nseed: 2\n", " is not valid YAML: duplicate key 'seed' (line 5, "},
        {"methodConfig: {iterations: [3, 4}\n", " is not valid YAML: "},
        {"taskConfig: {instances: }\n", ""},
        {"methodConfig: {iterations: 2.5}\n", ""},
    };
    for (String[] c : cases) {
      Path f = Files.writeString(dir.resolve("c.yaml"), "task: cubic\nmethod: mse\n" + c[0]);
      assertThat(run("run", "--config", f.toString(), "--out", dir.resolve("out").toString())).as(c[0]).isEqualTo(2);
      assertThat(err.strip()).as(c[0]).doesNotContain("\n").doesNotContain("Feature").doesNotContain("`")
          .startsWith("taskmet: error: ").contains(c[1]);
    }
    assertThat(executor.calls).as("nothing trained").hasValue(0);
    Path f = Files.writeString(dir.resolve("c.yaml"), "task: cubic\nmethod: mse\ntaskConfig: {instances: }\n");
    run("run", "--config", f.toString(), "--out", dir.resolve("out").toString());
    assertThat(err.strip()).isEqualTo("taskmet: error: config key 'instances' of task 'cubic' expects an integer, got an "
        + "empty value");
    f = Files.writeString(dir.resolve("c.yaml"), "task: cubic\nmethod: mse\nmethodConfig: {iterations: 2.5}\n");
    run("run", "--config", f.toString(), "--out", dir.resolve("out").toString());
    assertThat(err.strip()).isEqualTo("taskmet: error: config key 'iterations' of method 'mse' expects an integer, got "
        + "2.5");
  }

  @Test
  void aConfigFileRunsAndFlagsOverrideIt() throws Exception {
    Path cfg = Files.writeString(dir.resolve("run.yaml"),
        "task: cubic\nmethod: mse\nmethodConfig: {iterations: 3}\nseed: 2\n");
    assertThat(run("run", "--config", cfg.toString(), "--seed", "1", "--out", dir.resolve("out").toString(),
        "--save", dir.resolve("p.json").toString())).isZero();
    assertThat(out).contains("task cubic, method mse, dataset seed 0, seed 1").contains("normalized test decision quality");
    try (var files = Files.list(dir.resolve("out/trials"))) {
      assertThat(files.map(f -> f.getFileName().toString().replaceAll("_[0-9a-f]{8}", "")))
          .containsExactlyInAnyOrder("cubic_mse_s1.json", "cubic_mse_s1.predictor.json");
    }
    assertThat(Files.readString(dir.resolve("p.json"))).contains("\"format\" : \"taskmet-predictor/1\"");
    assertThat(executor.calls.get()).isEqualTo(1);

    assertThat(run("run", "--config", cfg.toString(), "--seed", "1", "--out", dir.resolve("out").toString())).isZero();
    assertThat(executor.calls.get()).as("same settings: the stored result is reused").isEqualTo(1);
    assertThat(out).contains("from an earlier run with the same settings");
  }

  @Test
  void unknownOptionsAndSubcommandsExitTwoWithoutAStackTrace() {
    assertThat(run("run", "--tsak", "cubic")).isEqualTo(2);
    assertThat(err).contains("Unknown options: '--tsak', 'cubic'").contains("Try 'taskmet run --help'").doesNotContain("Exception");
    assertThat(run("reproduse")).isEqualTo(2);
    assertThat(err).contains("reproduse");
  }

  @Test
  void debugPrintsTheStackTrace() {
    assertThat(run("--debug", "run", "--task", "cubicc", "--method", "mse")).isEqualTo(2);
    assertThat(err).contains("unknown task 'cubicc'").contains("at org.taskmet.core.plugin.PluginRegistry.provider");
  }

  @Test
  void helpAndVersionOnEveryCommand() {
    for (String sub : new String[] {"plugins", "run", "reproduce", "sweep"}) {
      assertThat(run(sub, "--help")).isZero();
      assertThat(out).contains("Usage: taskmet " + sub);
      assertThat(run(sub, "--version")).isZero();
      assertThat(out).startsWith("taskmet " + BuildInfo.current().version() + " (commit " + BuildInfo.current().commit()
          .replace(BuildInfo.DIRTY_SUFFIX, ", uncommitted changes") + ")");
    }
  }

  @Test
  void reproduceSavesEachTrialAndResumes() throws Exception {
    Path results = dir.resolve("rep");
    assertThat(run("reproduce", "--tasks", "cubic", "--methods", "MSE", "--seeds", "3", "--out", results.toString()))
        .isZero();
    assertThat(executor.calls.get()).isEqualTo(3);
    assertThat(out).contains("| cubic | MSE | generated | 3 | 0.600 ± 0.100 | – | – | -0.96 ± 0.020 ! |");
    assertThat(results.resolve("summary.csv")).exists();
    assertThat(results.resolve("decision-quality.png")).exists();
    assertThat(results.resolve("cubic-predictions.png")).exists();
    assertThat(Files.readString(results.resolve("summary.csv")).lines().count()).isEqualTo(4);

    assertThat(run("reproduce", "--tasks", "cubic", "--methods", "MSE", "--seeds", "4", "--out", results.toString()))
        .isZero();
    assertThat(executor.calls.get()).as("three trials resumed, one new").isEqualTo(4);
    assertThat(out).contains("for 4 trials (3 resumed from earlier runs)");
  }

  @Test
  void reproduceRejectsUnknownRowsTasksAndProfiles() {
    assertThat(run("reproduce", "--methods", "SPO+")).isEqualTo(2);
    assertThat(err).contains("reproduce has no method row 'SPO+'; accepted: MSE, DFL α=0, DFL α=10, LODL α=0, LODL α=10, TaskMet");
    assertThat(run("reproduce", "--tasks", "knapsack")).isEqualTo(2);
    assertThat(err).contains("reproduce has no task 'knapsack'; the profile's: cubic, budget, portfolio; installed task "
        + "plugins: cubic");
    assertThat(run("reproduce", "--profile", "quick")).isEqualTo(2);
    assertThat(err).contains("unknown profile 'quick'; accepted: default, paper");
    assertThat(run("reproduce", "--jobs", "2", "--engine", "spark")).isEqualTo(2);
    assertThat(err).contains("--jobs is for the local engine");
    assertThat(run("reproduce", "--suite", "pyepoo")).isEqualTo(2);
    assertThat(err).contains("unknown suite 'pyepoo'; accepted: mtl-fashion, mtl-flatness, mtl-many-task, pyepo, reproduce");
    assertThat(run("reproduce", "--suite", "pyepo", "--profile", "notebook")).isEqualTo(2);
    assertThat(err).contains("unknown profile 'notebook'; accepted: default, paper, smoke");
    assertThat(run("reproduce", "--suite", "pyepo", "--methods", "MSE")).isEqualTo(2);
    assertThat(err).contains("reproduce --suite pyepo has no method row 'MSE'; accepted: 2-stage, SPO+, PFYL, DBB");
  }

  @Test
  void reproduceTaskSetAppliesToTheTasksThatHaveTheField() throws Exception {
    Path results = dir.resolve("set");
    assertThat(run("reproduce", "--tasks", "cubic", "--methods", "MSE", "--seeds", "1", "--task-set", "instances=7",
        "--out", results.toString(), "--no-plots")).isZero();
    String trial = Files.list(results.resolve("trials")).filter(f -> f.toString().endsWith(".json")
        && !f.toString().endsWith("predictor.json")).findFirst().map(f -> {
          try {
            return Files.readString(f);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).orElseThrow();
    assertThat(trial).containsPattern("\"instances\" ?: ?7");
    assertThat(run("reproduce", "--tasks", "cubic", "--task-set", "data=synthetic")).isEqualTo(2);
    assertThat(err).contains("--task-set data=synthetic: no task of the profile").contains("'data'");
  }

  @Test
  void sweepRunsAPlanFileInParallelListsItsTrialsAndResumes() throws Exception {
    Path plan = Files.writeString(dir.resolve("grid.yaml"), """
        kind: decision
        seeds: 2
        axes:
          task: [cubic]
          method: [mse]
          methodConfig.iterations: [5, 10]
        """);
    Path results = dir.resolve("grid");
    assertThat(run("sweep", plan.toString(), "--dry-run", "--out", results.toString())).isZero();
    assertThat(out).contains("4 trials, 0 finished in " + results + ", 4 to run")
        .containsPattern("cubic_mse_10_s1_[0-9a-f]{8}  to run +task cubic, method mse, methodConfig.iterations 10, seed 1");
    assertThat(executor.calls.get()).isZero();

    assertThat(run("sweep", plan.toString(), "--jobs", "2", "--out", results.toString(), "--only",
        "methodConfig.iterations=10")).isZero();
    assertThat(executor.calls.get()).isEqualTo(2);
    assertThat(out).contains("taskmet sweep grid: 2 decision trials")
        .contains("| task | method | methodConfig.iterations | data | trials | measured norm. DQ (mean ± std) | Δ vs MSE")
        .contains("| cubic | mse | 10 | generated | 2 | 0.550 ± 0.071 | – | – | – |")
        .contains("engine local (2 jobs");
    assertThat(results.resolve("table.md")).exists();
    assertThat(results.resolve("decision-quality.png")).exists();

    assertThat(run("sweep", plan.toString(), "--out", results.toString(), "--dry-run")).isZero();
    assertThat(out).contains("4 trials, 2 finished in");
    assertThat(run("sweep", plan.toString(), "--out", results.toString(), "--no-plots")).isZero();
    assertThat(executor.calls.get()).as("two resumed, two new").isEqualTo(4);
    assertThat(out).contains("for 4 trials (2 resumed from earlier runs)");
  }

  @Test
  void sweepMistakesNameTheFileTheLabelOrTheEngine() throws Exception {
    assertThat(run("sweep")).isEqualTo(2);
    assertThat(err).contains("sweep needs a PLAN").contains("reproduce/default, reproduce/paper");
    assertThat(run("sweep", dir.resolve("nope.yaml").toString())).isEqualTo(2);
    assertThat(err).contains("sweep file " + dir.resolve("nope.yaml") + " does not exist, and it is not a profile");
    Path plan = Files.writeString(dir.resolve("p.yaml"), "kind: decision\naxes: {task: [cubic], method: [mse]}\n");
    assertThat(run("sweep", plan.toString(), "--only", "task=budget")).isEqualTo(2);
    assertThat(err).contains("sweep p has no task 'budget'; accepted: cubic");
    assertThat(run("sweep", plan.toString(), "--engine", "spark", "--master", "local[2]", "--out",
        dir.resolve("s").toString())).isEqualTo(2);
    assertThat(err).contains("unknown engine 'spark'; installed: local (the Spark engine is the optional "
        + "taskmet-spark module");
    assertThat(run("sweep", plan.toString(), "--master", "local[2]", "--out", dir.resolve("s").toString()))
        .isEqualTo(2);
    assertThat(err).contains("--master applies to the Spark engine");
    assertThat(run("sweep", "--list")).isZero();
    assertThat(out).contains("decision", "reproduce/default", "reproduce/paper");
  }

  @Test
  void theModelPluginIsChosenWithItsConfigAndMistakesNameIt() throws Exception {
    assertThat(run("run", "--task", "cubic", "--method", "mse", "--model", "mlp", "--model-set", "hiddenLayers=2",
        "--out", dir.resolve("with-model").toString())).isZero();
    try (var files = Files.list(dir.resolve("with-model/trials"))) {
      Path result = files.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("predictor"))
          .findFirst().orElseThrow();
      assertThat(Files.readString(result)).contains("\"model\" : \"mlp\"").containsPattern("\"hiddenLayers\" : \"?2");
    }
    assertThat(run("run", "--task", "cubic", "--method", "mse", "--model", "transformer")).isEqualTo(2);
    assertThat(err).contains("unknown model 'transformer'; accepted: mlp");
    assertThat(run("run", "--task", "cubic", "--method", "mse", "--model", "mlp", "--model-set", "depth=3")).isEqualTo(2);
    assertThat(err).contains("unknown config key 'depth' for model 'mlp'");
    assertThat(run("run", "--task", "cubic", "--method", "mse", "--model-set", "hiddenLayers=3")).isEqualTo(2);
    assertThat(err).contains("--model-set and modelConfig need a model plugin");
    Path file = Files.writeString(dir.resolve("m.yaml"), "task: cubic\nmethod: mse\nmodel: mlp\n"
        + "modelConfig: {hiddenUnits: 7}\n");
    assertThat(run("run", "--config", file.toString(), "--out", dir.resolve("m").toString())).isZero();
    assertThat(run("run", "--task", "cubic", "--method", "mse", "--out", dir.resolve("no-model").toString())).isZero();
    try (var files = Files.list(dir.resolve("no-model/trials"))) {
      Path result = files.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("predictor"))
          .findFirst().orElseThrow();
      assertThat(Files.readString(result)).doesNotContain("\"model\"").doesNotContain("modelConfig");
    }
  }
}
