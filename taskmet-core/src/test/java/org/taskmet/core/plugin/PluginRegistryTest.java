package org.taskmet.core.plugin;

import org.taskmet.conformance.PluginJars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.Solver;

class PluginRegistryTest {
  @TempDir Path dir;

  private URLClassLoader loader(Path... jars) throws Exception {
    URL[] urls = new URL[jars.length];
    for (int i = 0; i < jars.length; i++) {
      urls[i] = jars[i].toUri().toURL();
    }
    return new URLClassLoader(urls, getClass().getClassLoader());
  }

  @Test
  void discoversAPluginJarBuiltOutsideTheTree() throws Exception {
    Path jar = PluginJars.build(dir, "thirdparty", Map.of("com.example.ScaleSolverPlugin",
        PluginJars.solverPlugin("com.example", "ScaleSolverPlugin", "example-scale", "")),
        List.of("com.example.ScaleSolverPlugin"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.discover(cl);
      assertThat(registry.providers(PluginKind.SOLVER)).containsKey("example-scale");
      assertThat(registry.failures()).isEmpty();

      Solver solver = Plugins.create(registry, PluginKind.SOLVER, Solver.class, "example-scale", Map.of("scale", 2.0));
      Matrix p = Matrix.of(new double[][] {{1}, {-3}});
      double[] z = solver.solve(p, new Instance(p, p), new SplittableRandom(1)).decision();
      assertThat(z).containsExactly(2.0, -6.0);
    }
  }

  @Test
  void duplicateNamesAreAnErrorNamingBothClassesAndJars() throws Exception {
    Path a = PluginJars.build(dir, "first", Map.of("a.One", PluginJars.solverPlugin("a", "One", "same-name", "")),
        List.of("a.One"));
    Path b = PluginJars.build(dir, "second", Map.of("b.Two", PluginJars.solverPlugin("b", "Two", "same-name", "")),
        List.of("b.Two"));
    try (URLClassLoader cl = loader(a, b)) {
      assertThatThrownBy(() -> PluginRegistry.discover(cl))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("duplicate solver plugin name 'same-name'")
          .hasMessageContaining("a.One").hasMessageContaining("first.jar")
          .hasMessageContaining("b.Two").hasMessageContaining("second.jar");
    }
  }

  @Test
  void aPluginThatFailsToLoadIsNamedAndTheOthersStillLoad() throws Exception {
    Path jar = PluginJars.build(dir, "mixed", Map.of(
            "m.Good", PluginJars.solverPlugin("m", "Good", "good-one", ""),
            "m.Broken", PluginJars.solverPlugin("m", "Broken", "broken-one",
                "if (true) throw new IllegalStateException(\"no licence file\");")),
        List.of("m.Broken", "m.Good"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.discover(cl);
      assertThat(registry.providers(PluginKind.SOLVER)).containsKey("good-one").doesNotContainKey("broken-one");
      assertThat(registry.failures()).singleElement().asString().contains("m.Broken", "mixed.jar", "no licence file");
    }
  }

  @Test
  void unknownPluginNamesListTheAcceptedOnes() throws Exception {
    Path jar = PluginJars.build(dir, "one", Map.of("c.Only", PluginJars.solverPlugin("c", "Only", "only-solver", "")),
        List.of("c.Only"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.discover(cl);
      assertThatThrownBy(() -> registry.provider(PluginKind.SOLVER, "nope"))
          .hasMessage("unknown solver 'nope'; accepted: only-solver");
    }
  }

  @Test
  void configOverridesAreCheckedByKeyAndType() throws Exception {
    Path jar = PluginJars.build(dir, "cfg", Map.of("d.Cfg", PluginJars.solverPlugin("d", "Cfg", "cfg-solver", "")),
        List.of("d.Cfg"));
    try (URLClassLoader cl = loader(jar)) {
      PluginRegistry registry = PluginRegistry.discover(cl);
      PluginProvider<?, ?> p = registry.provider(PluginKind.SOLVER, "cfg-solver");
      assertThat(PluginConfigs.toMap(p.defaultConfig())).containsEntry("scale", 1.0);
      assertThatThrownBy(() -> Plugins.create(registry, PluginKind.SOLVER, Solver.class, "cfg-solver",
          Map.of("scal", 2.0)))
          .hasMessage("unknown config key 'scal' for solver 'cfg-solver'; accepted: scale");
      assertThatThrownBy(() -> Plugins.create(registry, PluginKind.SOLVER, Solver.class, "cfg-solver",
          Map.of("scale", "big")))
          .hasMessageStartingWith("config key 'scale' of solver 'cfg-solver' expects a number");
      assertThatThrownBy(() -> Plugins.create(registry, PluginKind.SOLVER, Solver.class, "cfg-solver",
          Map.of("scale", -1.0)))
          .hasMessage("scale must be > 0, got -1.0");
    }
  }

  @Test
  void guiceBindsPluginsByNameAndLetsUsersOverrideOne() throws Exception {
    Path jar = PluginJars.build(dir, "g", Map.of(
            "g.Base", PluginJars.solverPlugin("g", "Base", "base-solver", ""),
            "g.Other", PluginJars.solverPlugin("g", "Other", "other-solver", "")),
        List.of("g.Base", "g.Other"));
    try (URLClassLoader cl = loader(jar);
        URLClassLoader replacementLoader = loader(PluginJars.build(dir, "r",
            Map.of("r.Base", PluginJars.solverPlugin("r", "Base", "base-solver", "")), List.of()))) {
      PluginRegistry registry = PluginRegistry.discover(cl);
      PluginProvider<?, ?> replacement =
          (PluginProvider<?, ?>) replacementLoader.loadClass("r.Base").getDeclaredConstructor().newInstance();

      Injector plain = Guice.createInjector(new TaskmetModule(registry));
      assertThat(plain.getInstance(TaskmetModule.key(PluginKind.SOLVER)).get("base-solver").getClass().getName())
          .isEqualTo("g.Base");

      Injector overridden = Guice.createInjector(new TaskmetModule(registry).override(replacement));
      Map<String, PluginProvider<?, ?>> solvers = overridden.getInstance(TaskmetModule.key(PluginKind.SOLVER));
      assertThat(solvers.get("base-solver")).isSameAs(replacement);
      assertThat(solvers).containsKey("other-solver");
      assertThat(overridden.getInstance(PluginRegistry.class).provider(PluginKind.SOLVER, "base-solver"))
          .isSameAs(replacement);
    }
  }
}
