package org.taskmet.bench.cli;

import org.taskmet.conformance.PluginJars;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.core.plugin.PluginPath;

/**
 * The CLI with out-of-tree plugin jars compiled at test time against taskmet-api alone: found through
 * --plugin-path and TASKMET_PLUGIN_PATH, listed with their source, checked by 'taskmet check', and a duplicate
 * name is one line and exit status 2.
 */
class PluginJarCliTest {
  @TempDir static Path dir;
  static Path good;
  static Path wrongGradient;
  static Path noProviders;

  /** A task allocating a budget under diminishing returns, its solver from the toolkit; SCALE breaks its gradient. */
  static String toyTask(String pkg, String scale) {
    return """
        package %s;
        import java.util.*;
        import java.util.random.RandomGenerator;
        import org.taskmet.api.*;
        import org.taskmet.api.toolkit.*;
        public final class Toy implements PluginProvider<Task, NoConfig> {
          public String name() { return "toy-alloc"; }
          public PluginKind kind() { return PluginKind.TASK; }
          public String description() { return "test task: a budget under diminishing returns"; }
          public Class<NoConfig> configType() { return NoConfig.class; }
          public NoConfig defaultConfig() { return new NoConfig(); }
          public Task create(NoConfig c) {
            SmoothObjective obj = new SmoothObjective() {
              public int decisionSize(Instance in) { return in.items(); }
              public double value(double[] z, Matrix p, Instance in) {
                double s = 0; for (int i = 0; i < z.length; i++) s += p.get(i, 0) * Math.log1p(z[i]) - 0.5 * z[i];
                return s; }
              public void gradient(double[] z, Matrix p, Instance in, double[] o) {
                for (int i = 0; i < z.length; i++) o[i] = p.get(i, 0) / (1 + z[i]) - 0.5; }
              public void hessianVector(double[] z, Matrix p, Instance in, double[] v, double[] o) {
                for (int i = 0; i < z.length; i++) o[i] = -p.get(i, 0) / ((1 + z[i]) * (1 + z[i])) * v[i]; }
              public Matrix mixedVjp(double[] z, Matrix p, Instance in, double[] v) {
                Matrix m = Matrix.zeros(p.rows(), 1);
                for (int i = 0; i < z.length; i++) m.set(i, 0, v[i] / (1 + z[i]));
                return m; }
            };
            Solver solver = new ProjectedGradientSolver("toy-pg", obj, in -> ConvexSet.budget(2, new double[] {1, 1, 1, 1}));
            DecisionProblem problem = new DecisionProblem() {
              public int decisionSize(Instance in) { return in.items(); }
              public Solver trainingSolver() { return solver; }
              public Solver evaluationSolver() { return solver; }
              public double objective(Instance in, double[] z, Matrix y) { return obj.value(z, y, in); }
              public double[] objectiveGradient(Instance in, double[] z, Matrix y) {
                double[] g = new double[z.length]; obj.gradient(z, y, in, g);
                for (int i = 0; i < g.length; i++) g[i] *= %s;
                return g; }
            };
            return new Task() {
              public String name() { return "toy-alloc"; }
              public TaskShape shape() { return new TaskShape(4, 1, 1); }
              public DataSplits generate(long seed) {
                SplittableRandom rng = new SplittableRandom(seed);
                List<Instance> all = new ArrayList<>();
                for (int k = 0; k < 12; k++) {
                  double[] x = new double[4]; double[] y = new double[4];
                  for (int i = 0; i < 4; i++) { x[i] = rng.nextDouble(); y[i] = 1 + 2 * x[i]; }
                  all.add(new Instance(Matrix.column(x), Matrix.column(y)));
                }
                return new DataSplits(new Dataset("toy/train", all.subList(0, 6)),
                    new Dataset("toy/validation", all.subList(6, 9)), new Dataset("toy/test", all.subList(9, 12)));
              }
              public DecisionProblem decisionProblem() { return problem; }
              public PredictorDefaults predictorDefaults() { return new PredictorDefaults(0, 0, "identity", 0.05, 3); }
            };
          }
        }
        """.formatted(pkg, scale);
  }

  @BeforeAll
  static void buildJars() throws Exception {
    good = PluginJars.build(dir, "good", Map.of("good.Toy", toyTask("good", "1.0")), List.of("good.Toy"));
    wrongGradient = PluginJars.build(dir, "wrong", Map.of("wrong.Toy", toyTask("wrong", "2.0")), List.of("wrong.Toy"));
    noProviders = PluginJars.build(dir, "unlisted", Map.of("unlisted.Toy", toyTask("unlisted", "1.0")), List.of());
  }

  String out;
  String err;

  int run(PluginPath path, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = TaskmetCli.execute(args, new PrintWriter(o, true), new PrintWriter(e, true), path);
    out = o.toString();
    err = e.toString();
    return code;
  }

  static PluginPath env(Path... jars) {
    return PluginPath.resolve(null, String.join(java.io.File.pathSeparator,
        java.util.Arrays.stream(jars).map(Path::toString).toList()), null, null);
  }

  @Test
  void aJarOnTheEnvironmentPathIsListedWithItsSource() {
    assertThat(run(env(good), "plugins", "--kind", "task")).isZero();
    assertThat(out).contains("toy-alloc", "test task: a budget under diminishing returns",
        good.toAbsolutePath() + " (TASKMET_PLUGIN_PATH)").contains("class path");
  }

  @Test
  void thePluginPathOptionWorksOnEveryCommandAndIsParsedBeforeThePlugins() {
    assertThat(TaskmetCli.pluginPathOption(new String[] {"plugins", "--plugin-path", "a.jar", "--plugin-path=b"}))
        .isEqualTo("a.jar" + java.io.File.pathSeparator + "b");
    assertThat(run(PluginPath.resolve(good.toString(), null, null, null), "plugins", "--plugin-path", good.toString()))
        .isZero();
    assertThat(out).contains("toy-alloc", "(--plugin-path)");
    assertThat(run(PluginPath.resolve(good.toString(), null, null, null), "--plugin-path", good.toString(), "plugins",
        "--plugin-path", good.toString())).as(err).isZero();
  }

  @Test
  void aMissingPluginPathEntryIsAWarningNamingItAndItsOrigin() {
    Path missing = dir.resolve("missing.jar");
    assertThat(run(env(missing, good), "plugins")).isZero();
    assertThat(err).contains("taskmet: warning: plugin path entry " + missing + " (from TASKMET_PLUGIN_PATH) does not "
        + "exist");
    assertThat(out).contains("toy-alloc");
  }

  @Test
  void checkPassesAGoodJarAndPrintsOneRowPerCheck() {
    assertThat(run(env(), "check", good.toString())).as(out + err).isZero();
    assertThat(out).containsPattern("task +toy-alloc +data deterministic per seed +PASS").contains( "objective gradient vs finite "
        + "differences", "training solver 'toy-pg' VJP vs finite differences", "reported residual", "declared domain")
        .doesNotContain("FAIL").contains("12 checks, of which 12 passed");
  }

  @Test
  void checkFailsAWrongGradientNamingThePluginAndTheCheck() {
    assertThat(run(env(), "check", wrongGradient.toString())).isEqualTo(1);
    assertThat(out).containsPattern("task +toy-alloc +objective gradient vs finite differences +FAIL +toy-alloc "
        + "objective gradient at coordinate");
    assertThat(out).contains("training solver 'toy-pg' VJP vs finite differences", "failed");
  }

  @Test
  void checkRejectsAMissingJarOrOneWithoutProviders() {
    assertThat(run(env(), "check", dir.resolve("nope.jar").toString())).isEqualTo(2);
    assertThat(err).contains("plugin jar " + dir.resolve("nope.jar") + " does not exist");
    assertThat(run(env(), "check", noProviders.toString())).isEqualTo(2);
    assertThat(err).contains("no plugin provider in " + noProviders);
  }

  @Test
  void aDuplicateNameExitsTwoWithOneLineNamingBothClassesAndJars() {
    assertThat(run(env(good, wrongGradient), "plugins")).isEqualTo(2);
    assertThat(err.strip()).doesNotContain("\n").startsWith("taskmet: error: duplicate task plugin name 'toy-alloc': ")
        .contains("good.Toy (" + good.toAbsolutePath() + ")", "wrong.Toy (" + wrongGradient.toAbsolutePath() + ")");
  }

  @Test
  void checkFlagsANameThatAnInstalledPluginAlreadyHas() {
    assertThat(run(env(good), "check", wrongGradient.toString())).isEqualTo(1);
    assertThat(out).containsPattern("toy-alloc +name not installed +FAIL +an installed plugin has this name: good.Toy");
  }

  @Test
  void reproduceRunsAPluginTaskBesideTheProfilesWithoutAPublishedValue() throws Exception {
    Path results = dir.resolve("reproduce-plugin");
    assertThat(run(env(good), "reproduce", "--tasks", "toy-alloc,cubic", "--methods", "MSE", "--seeds", "1",
        "--no-plots", "--out", results.toString())).as(err).isZero();
    assertThat(out).contains("task 'toy-alloc' is not in the profile");
    String table = java.nio.file.Files.readString(results.resolve("table.md"));
    // the plugin task's row has no published value ("–"); the profile's task keeps its published column (MSE rows
    // have no difference to themselves: "–" twice before it)
    assertThat(table).containsPattern("\\| toy-alloc \\| MSE \\| generated \\| 1 \\| [^|]+ \\| – \\| – \\| – \\|")
        .containsPattern("\\| cubic \\| MSE \\| generated \\| 1 \\| [^|]+ \\| – \\| – \\| -0\\.96 ± 0\\.020 \\|");
  }
}
