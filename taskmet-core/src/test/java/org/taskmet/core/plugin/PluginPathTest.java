package org.taskmet.core.plugin;

import org.taskmet.conformance.PluginJars;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskmet.api.PluginKind;

/** Plugin jars from --plugin-path, TASKMET_PLUGIN_PATH, ~/.taskmet/plugins and <taskmet.home>/plugins. */
class PluginPathTest {
  @TempDir Path dir;

  private Path jar(String jarName, String pkg, String cls, String plugin) throws Exception {
    return PluginJars.build(dir, jarName, Map.of(pkg + "." + cls, PluginJars.solverPlugin(pkg, cls, plugin, "")),
        List.of(pkg + "." + cls));
  }

  @Test
  void locationsAreReadInTheDocumentedOrderAndFoldersByJarName() throws Exception {
    Path optionJar = jar("opt", "o", "Opt", "from-option");
    Path envFolder = Files.createDirectories(dir.resolve("env-folder"));
    Files.move(jar("b-env", "e", "B", "env-b"), envFolder.resolve("b.jar"));
    Files.move(jar("a-env", "e", "A", "env-a"), envFolder.resolve("a.jar"));
    Path home = Files.createDirectories(dir.resolve("home"));
    Path userPlugins = Files.createDirectories(home.resolve(".taskmet/plugins"));
    Files.move(jar("user", "u", "U", "from-user"), userPlugins.resolve("user.jar"));
    Path taskmetHome = Files.createDirectories(dir.resolve("dist"));
    Files.createDirectories(taskmetHome.resolve("plugins"));
    Files.move(jar("dist", "d", "D", "from-dist"), taskmetHome.resolve("plugins/dist.jar"));

    PluginPath path = PluginPath.resolve(optionJar.toString(), envFolder.toString(), home.toString(),
        taskmetHome.toString());
    assertThat(path.entries()).extracting(PluginPath.Entry::origin).containsExactly(PluginPath.Origin.OPTION,
        PluginPath.Origin.ENVIRONMENT, PluginPath.Origin.USER_FOLDER, PluginPath.Origin.HOME_FOLDER);
    PluginPath.Loaded loaded = path.open(getClass().getClassLoader());
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.jars().keySet()).extracting(p -> p.getFileName().toString())
        .containsExactly("opt.jar", "a.jar", "b.jar", "user.jar", "dist.jar");

    PluginRegistry registry = PluginRegistry.discover(loaded);
    assertThat(registry.providers(PluginKind.SOLVER)).containsKeys("from-option", "env-a", "env-b", "from-user",
        "from-dist");
    assertThat(registry.source(registry.provider(PluginKind.SOLVER, "env-a")))
        .isEqualTo(envFolder.resolve("a.jar").toAbsolutePath() + " (TASKMET_PLUGIN_PATH)");
    assertThat(registry.source(registry.provider(PluginKind.SOLVER, "from-user"))).endsWith("(~/.taskmet/plugins)");
    assertThat(registry.source(registry.provider(PluginKind.SOLVER, "from-dist")))
        .endsWith("(<taskmet.home>/plugins)");
  }

  @Test
  void severalEntriesAreSplitByThePathSeparatorAndAJarReachedTwiceLoadsOnce() throws Exception {
    Path a = jar("one", "x", "One", "one-solver");
    Path b = jar("two", "y", "Two", "two-solver");
    PluginPath path = PluginPath.resolve(a + File.pathSeparator + b, a.toString(), null, null);
    PluginPath.Loaded loaded = path.open(getClass().getClassLoader());
    assertThat(loaded.jars()).hasSize(2).containsValues(PluginPath.Origin.OPTION);
    assertThat(PluginRegistry.discover(loaded).providers(PluginKind.SOLVER)).containsKeys("one-solver", "two-solver");
  }

  @Test
  void missingEntriesAndBrokenJarsAreNamedWithTheirOriginAndTheRestLoads() throws Exception {
    Path good = jar("good", "g", "Good", "good-solver");
    Path broken = Files.writeString(dir.resolve("broken.jar"), "not a zip file");
    Path missing = dir.resolve("nowhere.jar");
    PluginPath.Loaded loaded = PluginPath.resolve(missing.toString(),
        broken + File.pathSeparator + good, null, null).open(getClass().getClassLoader());
    assertThat(loaded.problems()).hasSize(2);
    assertThat(loaded.problems().get(0)).isEqualTo("plugin path entry " + missing + " (from --plugin-path) does not exist");
    assertThat(loaded.problems().get(1)).startsWith("plugin jar " + broken + " (from TASKMET_PLUGIN_PATH) cannot be "
        + "opened as a jar");
    PluginRegistry registry = PluginRegistry.discover(loaded);
    assertThat(registry.providers(PluginKind.SOLVER)).containsKey("good-solver");
    assertThat(registry.failures()).containsAll(loaded.problems());
  }

  @Test
  void withoutAnyLocationTheClassPathAloneIsUsed() {
    PluginPath.Loaded loaded = PluginPath.resolve(null, "", dir.toString(), null).open(getClass().getClassLoader());
    assertThat(loaded.classLoader()).isSameAs(getClass().getClassLoader());
    assertThat(loaded.jars()).isEmpty();
    assertThat(loaded.problems()).isEmpty();
  }
}
