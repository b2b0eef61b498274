package org.taskmet.bench.pyepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.Task;
import org.taskmet.bench.run.DecisionTrialSpec;
import org.taskmet.bench.sweep.EngineOptions;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepFile;
import org.taskmet.bench.sweep.SweepProfiles;
import org.taskmet.bench.sweep.SweepRunner;
import org.taskmet.bench.sweep.Trial;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.bench.sweep.TrialRecord;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.tasks.cubic.CubicTaskProvider;

/** The PyEPO suite: its profiles plan, its trials run end to end, and its report writes the table and plots. */
class PyepoSuiteTest {
  static final PluginRegistry PLUGINS = PluginRegistry.discover();
  static final TrialKinds KINDS = TrialKinds.discover();
  static final SweepProfiles PROFILES = SweepProfiles.discover();

  @TempDir Path dir;

  static Sweep profile(String name) {
    return Sweep.plan(PROFILES.get("pyepo", name).read(), KINDS, PLUGINS);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> config(Trial t, String key) {
    return (Map<String, Object>) t.spec().get(key);
  }

  @Test
  void profilesPlanTheNotebookSetupsThePapersGridAndASmokeRun() {
    assertThat(PROFILES.names("pyepo")).containsExactly("default", "paper", "smoke");
    Sweep def = profile("default");
    assertThat(def.trials()).hasSize(2 * 9 * 3);
    assertThat(def.labelValues("method")).containsExactly("2-stage", "SPO+", "PFYL", "DBB", "NID", "DPO", "DFL",
        "LODL", "TaskMet");
    for (Trial t : def.trials()) {
      Map<String, Object> m = config(t, "methodConfig");
      boolean knapsack = t.spec().get("task").equals("knapsack");
      if (m.containsKey("epochs")) {
        assertThat(m.get("epochs")).as(t.id()).isEqualTo(knapsack ? 40 : 20);
      }
      if (t.spec().get("method").equals("pfyl") || t.spec().get("method").equals("dpo")) {
        assertThat(m).containsEntry("samples", 3).containsEntry("sigma", 1.0);
      }
      if (t.spec().get("method").equals("dbb")) {
        assertThat(m).containsEntry("lambda", 20.0);
      }
    }
    Sweep paper = profile("paper");
    assertThat(paper.trials()).hasSize(2 * 3 * 2 * 4 * 9 * 5);
    for (Trial t : paper.trials()) {
      Map<String, Object> task = config(t, "taskConfig");
      Map<String, Object> m = config(t, "methodConfig");
      int n = (Integer) task.get("num_data");
      assertThat(task.get("num_val")).isEqualTo(n / 5);
      if (t.spec().get("task").equals("knapsack")) {
        assertThat(task).containsEntry("num_items", 32).containsEntry("dim", 2);
      }
      if (m.containsKey("epochs")) {
        assertThat(m.get("epochs")).as(t.id()).isEqualTo(n == 100 ? 200 : n == 1000 ? 20 : 4);
      }
    }
    assertThat(profile("smoke").trials()).hasSize(18);
  }

  @Test
  void aSweepOfPyepoTrialsWritesTheTableAndThePlots() throws Exception {
    String plan = """
        kind: pyepo
        seeds: 2
        base: {task: shortest-path, taskConfig: {num_data: 60, num_val: 20, num_test: 60}}
        axes:
          taskConfig.deg: [1, 4]
          method:
            SPO+: {method: spo-plus, methodConfig: {epochs: 3}}
            DBB: {method: dbb, methodConfig: {epochs: 3}}
            TaskMet: {method: taskmet, methodConfig: {outerIterations: 2, innerIterationsFirst: 10, innerIterations: 3}}
        """;
    Sweep sweep = Sweep.plan(SweepFile.parse("t", "t.yaml", plan), KINDS, PLUGINS);
    SweepRunner.Outcome outcome = new SweepRunner(KINDS, PLUGINS, new PrintStream(new ByteArrayOutputStream()))
        .run(sweep, dir, EngineOptions.local(2), "test", true);
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.finished()).hasSize(12);
    for (TrialRecord r : outcome.finished()) {
      double regret = r.scores().get("normalizedRegret");
      assertThat(regret).isBetween(0.0, 1.0);
      assertThat(r.scores().get("unambiguousRegret")).isGreaterThanOrEqualTo(regret - 1e-12);
      assertThat(r.scores()).containsKeys("mse", "meanOptimalObjective");
    }
    String table = outcome.report().markdown();
    assertThat(table).contains("| deg | method | trials | regret % (mean ± std) | PyEPO notebook |")
        .contains("| 4 | SPO+ | 2 |").contains("| 1 | TaskMet | 2 |");
    for (String png : List.of("regret-by-method.png", "regret-vs-deg-shortest-path.png", "learning-curves.png")) {
      assertThat(dir.resolve(png)).isRegularFile();
      assertThat(Files.size(dir.resolve(png))).isGreaterThan(5_000);
    }
  }

  @Test
  void publishedValuesAppearOnlyBesideTheNotebookSetup() {
    Map<String, Object> notebook = Map.of("num_data", 1000, "num_val", 200, "num_test", 1000, "num_feat", 5,
        "grid_rows", 5, "grid_cols", 5, "deg", 4, "noise_width", 0.5);
    assertThat(PyepoPublished.lookup(new DecisionTrialSpec("shortest-path", notebook, "spo-plus", Map.of(), 0, 0)))
        .contains(0.0759);
    assertThat(PyepoPublished.lookup(new DecisionTrialSpec("shortest-path", notebook, "taskmet", Map.of(), 0, 0)))
        .isEmpty();
    Map<String, Object> deg2 = new java.util.HashMap<>(notebook);
    deg2.put("deg", 2);
    assertThat(PyepoPublished.lookup(new DecisionTrialSpec("shortest-path", deg2, "spo-plus", Map.of(), 0, 0)))
        .isEmpty();
    assertThat(PyepoPublished.lookup(new DecisionTrialSpec("knapsack", notebook, "spo-plus", Map.of(), 0, 0)))
        .isEmpty();
  }

  @Test
  void regretOfATaskThatIsNotLinearIsAClearError() {
    Task cubic = new CubicTaskProvider().create(new CubicTaskProvider().defaultConfig());
    assertThatThrownBy(() -> new RegretScorer().score(cubic, null, cubic.generate(0).test(), 0))
        .hasMessageContaining("needs a task whose objective is linear in the predictions; task 'cubic' is not");
  }
}
