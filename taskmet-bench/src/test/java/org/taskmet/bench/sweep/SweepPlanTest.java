package org.taskmet.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.PluginKind;
import org.taskmet.bench.run.DecisionTrialKind;
import org.taskmet.bench.run.DecisionTrialSpec;
import org.taskmet.core.method.DflMethod;
import org.taskmet.core.method.LodlMethod;
import org.taskmet.core.method.MseMethod;
import org.taskmet.core.method.TaskmetMethod;
import org.taskmet.core.plugin.PluginConfigs;
import org.taskmet.core.plugin.PluginRegistry;

/** Planning: the shipped profiles, canonical specs, ids, and errors that name the trial. */
class SweepPlanTest {
  static final PluginRegistry PLUGINS = PluginRegistry.discover();
  static final TrialKinds KINDS = TrialKinds.discover();
  static final SweepProfiles PROFILES = SweepProfiles.discover();

  static Sweep profile(String name) {
    return Sweep.plan(PROFILES.get("reproduce", name).read(), KINDS, PLUGINS);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> methodConfig(Trial t) {
    return (Map<String, Object>) t.spec().get("methodConfig");
  }

  @Test
  void bothReproduceProfilesShipWithTheCliAndAPluginCanAddOne() {
    assertThat(PROFILES.names("reproduce")).containsExactly("default", "paper");
    assertThat(PROFILES.get("reproduce", "paper").url().toString()).endsWith("taskmet/sweeps/reproduce/paper.yaml");
    assertThatThrownBy(() -> PROFILES.get("reproduce", "quick"))
        .hasMessage("unknown profile 'quick'; accepted: default, paper");
    assertThat(KINDS.all()).containsKeys(DecisionTrialKind.NAME, ArithmeticTrialKind.NAME);
  }

  @Test
  void aPluginJarShipsItsOwnProfile(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("newsvendor-profile.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(SweepProfiles.INDEX));
      out.write("# a plugin's profiles\ntaskmet/sweeps/reproduce/newsvendor.yaml\n".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry("taskmet/sweeps/reproduce/newsvendor.yaml"));
      out.write("description: the plugin's own\nkind: decision\nseeds: 2\nbase: {task: cubic, method: mse}\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      SweepProfiles withPlugin = SweepProfiles.discover(loader);
      assertThat(withPlugin.names("reproduce")).containsExactly("default", "newsvendor", "paper");
      SweepFile f = withPlugin.get("reproduce", "newsvendor").read();
      assertThat(f.name()).isEqualTo("reproduce/newsvendor");
      assertThat(f.description()).isEqualTo("the plugin's own");
      assertThat(Sweep.plan(f, KINDS, PLUGINS).trials()).hasSize(2);
    }
  }

  @Test
  void paperProfileIsEveryMethodAtItsDefaultsWithTheRowsAlpha() {
    Sweep paper = profile("paper");
    assertThat(paper.trials()).hasSize(3 * 6 * 5);
    assertThat(paper.labelValues("method")).containsExactly("MSE", "DFL α=0", "DFL α=10", "LODL α=0", "LODL α=10",
        "TaskMet");
    for (Trial t : paper.trials()) {
      String row = t.labels().get("method");
      Map<String, Object> expected = switch (row) {
        case "MSE" -> PluginConfigs.toMap(MseMethod.Config.defaults());
        case "DFL α=0", "DFL α=10" -> PluginConfigs.toMap(withAlpha(DflMethod.Config.defaults(), row));
        case "LODL α=0", "LODL α=10" -> PluginConfigs.toMap(withAlpha(LodlMethod.Config.defaults(), row));
        default -> PluginConfigs.toMap(TaskmetMethod.Config.defaults());
      };
      assertThat(SpecMaps.canonicalJson(methodConfig(t))).as(t.id()).isEqualTo(SpecMaps.canonicalJson(expected));
      assertThat(t.spec().get("seed")).isEqualTo(t.spec().get("datasetSeed"));
    }
  }

  @Test
  void defaultProfileReducesBudgetsAndKeepsEachRowsAlpha() {
    Sweep quick = profile("default");
    // seeds per task from the measured spread: cubic 3, budget 4, portfolio 10
    assertThat(quick.trials()).hasSize(6 * (3 + 4 + 10));
    assertThat(quick.trials().stream().filter(t -> t.labels().get("task").equals("portfolio")).count()).isEqualTo(60);
    for (Trial t : quick.trials()) {
      String row = t.labels().get("method");
      Map<String, Object> c = methodConfig(t);
      if (row.contains("α=")) {
        assertThat(((Number) c.get("alpha")).doubleValue()).as(t.id())
            .isEqualTo(Double.parseDouble(row.substring(row.indexOf('=') + 1)));
      }
      Object budget = c.containsKey("outerIterations") ? c.get("outerIterations") : c.get("iterations");
      Object reference = PluginConfigs.toMap((Record) PLUGINS.provider(PluginKind.METHOD,
          (String) t.spec().get("method")).defaultConfig()).get(c.containsKey("outerIterations") ? "outerIterations"
          : "iterations");
      assertThat(((Number) budget).intValue()).as(t.id()).isLessThan(((Number) reference).intValue());
    }
    Trial cubicLodl = quick.trials().stream().filter(t -> t.labels().get("task").equals("cubic")
        && t.labels().get("method").equals("LODL α=0")).findFirst().orElseThrow();
    assertThat(methodConfig(cubicLodl)).containsEntry("samples", 3000).containsEntry("surrogateIterations", 30)
        .containsEntry("optimalRestarts", 1).containsEntry("iterations", 300);
  }

  private static Record withAlpha(Record r, String row) {
    double alpha = Double.parseDouble(row.substring(row.indexOf('=') + 1));
    Map<String, Object> m = new LinkedHashMap<>(PluginConfigs.toMap(r));
    m.put("alpha", alpha);
    return r instanceof DflMethod.Config
        ? SpecMaps.convert(m, DflMethod.Config.class, "dfl config") : SpecMaps.convert(m, LodlMethod.Config.class, "lodl config");
  }

  @Test
  void idsHashTheCanonicalSpecSoDefaultsWrittenOutChangeNothing() {
    DecisionTrialKind kind = (DecisionTrialKind) KINDS.get(DecisionTrialKind.NAME);
    Map<String, String> labels = Map.of("task", "cubic");
    Trial a = Sweep.builder("a", kind, PLUGINS).add(labels, new DecisionTrialSpec("cubic", Map.of(), "mse",
        Map.of("iterations", 20), 0, 0)).build().trials().get(0);
    Trial b = Sweep.builder("b", kind, PLUGINS).add(labels, new DecisionTrialSpec("cubic", Map.of(), "mse",
        Map.of("iterations", 20, "patience", 100), 0, 0)).build().trials().get(0);
    Trial c = Sweep.builder("c", kind, PLUGINS).add(labels, new DecisionTrialSpec("cubic", Map.of(), "mse",
        Map.of("iterations", 21), 0, 0)).build().trials().get(0);
    assertThat(a.id()).isEqualTo(b.id()).startsWith("cubic_").matches(".*_[0-9a-f]{8}");
    assertThat(c.id()).isNotEqualTo(a.id());
    assertThat(methodConfig(a)).containsEntry("patience", 100).containsEntry("iterations", 20);
  }

  /** The sweep files under {@code examples/sweeps} that the docs tell users to run plan without an error. */
  @Test
  void theExampleSweepFilesPlan() throws Exception {
    List<Path> files;
    try (var list = Files.list(Path.of("..", "examples", "sweeps"))) {
      files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains("cubic-cg.yaml", "pyepo-taskmet-metric.yaml");
    for (Path f : files) {
      assertThat(Sweep.plan(SweepFile.read(f), KINDS, PLUGINS).trials()).as(f.toString()).isNotEmpty();
    }
  }

  @Test
  void mistakesNameTheFileTheTrialAndThePlugin() {
    SweepFile unknownKey = SweepFile.parse("p", "p.yaml", """
        kind: decision
        axes: {task: [cubic], method: [mse]}
        base: {methodConfig: {iterationz: 3}}
        """);
    assertThatThrownBy(() -> Sweep.plan(unknownKey, KINDS, PLUGINS)).hasMessageStartingWith(
        "sweep file p.yaml, trial task cubic, method mse: unknown config key 'iterationz' for method 'mse'");
    SweepFile unknownField = SweepFile.parse("p", "p.yaml", "kind: decision\nbase: {task: cubic, metod: mse}\n");
    assertThatThrownBy(() -> Sweep.plan(unknownField, KINDS, PLUGINS)).hasMessageStartingWith(
        "sweep file p.yaml, trial (no labels): unknown field 'metod' of a decision trial spec; accepted: "
            + "datasetSeed, method, methodConfig, model, modelConfig, seed, task, taskConfig");
    SweepFile unknownKind = SweepFile.parse("p", "p.yaml", "kind: decisions\n");
    assertThatThrownBy(() -> Sweep.plan(unknownKind, KINDS, PLUGINS))
        .hasMessageStartingWith("sweep file p.yaml: unknown trial kind 'decisions'; installed: decision");
    SweepFile twice = SweepFile.parse("p", "p.yaml", "kind: test-arithmetic\nbase: {draws: 2}\naxes: {x: [1, 1.0]}\n");
    assertThatThrownBy(() -> Sweep.plan(twice, KINDS, PLUGINS)).hasMessageContaining("holds the same trial twice");
  }

  @Test
  void labelSelectionNarrowsBeforeCheckingAndNamesWhatIsMissing() {
    SweepFile f = PROFILES.get("reproduce", "default").read();
    LabelSelection s = new LabelSelection(f, "reproduce").only("task", "task", List.of("cubic"))
        .only("method", "method row", List.of("dfl-10", "taskmet", "LODL alpha=0"));
    Sweep sweep = Sweep.plan(f, KINDS, PLUGINS, s);
    assertThat(sweep.labelValues("method")).containsExactly("DFL α=10", "LODL α=0", "TaskMet");
    assertThat(sweep.trials()).hasSize(9);
    assertThatThrownBy(() -> new LabelSelection(f, "reproduce").only("method", "method row", List.of("SPO+")))
        .hasMessage("reproduce has no method row 'SPO+'; accepted: MSE, DFL α=0, DFL α=10, LODL α=0, LODL α=10, "
            + "TaskMet");
    assertThatThrownBy(() -> new LabelSelection(f, "reproduce").only("solver", "solver", List.of("x")))
        .hasMessage("reproduce has no label 'solver'; labels: task, method, seed");
  }
}
