package org.taskmet.core.plugin;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Where plugin jars are found, in this order:
 * <ol>
 *   <li>the {@code --plugin-path} option of the command line,</li>
 *   <li>the {@code TASKMET_PLUGIN_PATH} environment variable,</li>
 *   <li>the per-user folder {@code ~/.taskmet/plugins} (when it exists),</li>
 *   <li>{@code <taskmet.home>/plugins} when the system property {@code taskmet.home} is set (the binary
 *       distribution's launcher sets it; the folder is read when it exists).</li>
 * </ol>
 * The option and the variable hold entries separated by the platform's path separator ({@code :} on Unix,
 * {@code ;} on Windows); each entry is a jar or a folder whose {@code *.jar} files are read in name order. A
 * jar reached twice is loaded once, from its first location.
 *
 * <p>{@link #open} puts the jars on one class loader whose parent is taskmet's own, so plugins see
 * {@code taskmet-api} and the libraries taskmet ships. An entry that does not exist or a jar that cannot
 * be opened is skipped and reported in {@link Loaded#problems()}, naming the file and where it came from.
 */
public final class PluginPath {
  /** The environment variable read by {@link #standard}. */
  public static final String ENVIRONMENT_VARIABLE = "TASKMET_PLUGIN_PATH";

  /** Where an entry came from, as {@code taskmet plugins} shows it. */
  public enum Origin {
    OPTION("--plugin-path"),
    ENVIRONMENT(ENVIRONMENT_VARIABLE),
    USER_FOLDER("~/.taskmet/plugins"),
    HOME_FOLDER("<taskmet.home>/plugins");

    private final String label;

    Origin(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One location: a jar or a folder of jars. */
  public record Entry(Path path, Origin origin) {}

  /**
   * The opened plugin path.
   *
   * @param classLoader loads the plugin jars (taskmet's own loader when there are none)
   * @param jars every jar loaded, with where it came from, in load order
   * @param problems one line per entry or jar that was skipped, naming it and why
   */
  public record Loaded(ClassLoader classLoader, Map<Path, Origin> jars, List<String> problems) {}

  private final List<Entry> entries;

  private PluginPath(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** The plugin path of the running JVM: the option value (may be null), the environment and the properties. */
  public static PluginPath standard(String option) {
    return resolve(option, System.getenv(ENVIRONMENT_VARIABLE), System.getProperty("user.home"),
        System.getProperty("taskmet.home"));
  }

  /**
   * The plugin path from explicit values (each may be null).
   *
   * @param option the {@code --plugin-path} value
   * @param environment the {@code TASKMET_PLUGIN_PATH} value
   * @param userHome the user's home folder ({@code user.home})
   * @param taskmetHome the {@code taskmet.home} property
   */
  public static PluginPath resolve(String option, String environment, String userHome, String taskmetHome) {
    List<Entry> out = new ArrayList<>();
    split(option, Origin.OPTION, out);
    split(environment, Origin.ENVIRONMENT, out);
    if (userHome != null) {
      Path user = Path.of(userHome, ".taskmet", "plugins");
      if (Files.isDirectory(user)) {
        out.add(new Entry(user, Origin.USER_FOLDER));
      }
    }
    if (taskmetHome != null && !taskmetHome.isBlank()) {
      Path home = Path.of(taskmetHome, "plugins");
      if (Files.isDirectory(home)) {
        out.add(new Entry(home, Origin.HOME_FOLDER));
      }
    }
    return new PluginPath(out);
  }

  private static void split(String value, Origin origin, List<Entry> out) {
    if (value == null) {
      return;
    }
    for (String part : value.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
      if (!part.isBlank()) {
        out.add(new Entry(Path.of(part.strip()), origin));
      }
    }
  }

  public List<Entry> entries() {
    return entries;
  }

  /** Opens every jar of the path on one class loader below {@code parent}. */
  public Loaded open(ClassLoader parent) {
    Map<Path, Origin> jars = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Entry e : entries) {
      String where = e.path() + " (from " + e.origin().label() + ")";
      if (Files.isDirectory(e.path())) {
        List<Path> inFolder = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(e.path(), "*.jar")) {
          ds.forEach(inFolder::add);
        } catch (IOException ex) {
          problems.add("plugin folder " + where + " cannot be read: " + ex.getMessage());
        }
        inFolder.sort(null);
        for (Path jar : inFolder) {
          addJar(jar, e.origin(), jars, problems);
        }
      } else if (Files.isRegularFile(e.path())) {
        addJar(e.path(), e.origin(), jars, problems);
      } else {
        problems.add("plugin path entry " + where + " does not exist");
      }
    }
    if (jars.isEmpty()) {
      return new Loaded(parent, Map.of(), problems);
    }
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars.keySet()) {
      try {
        urls.add(jar.toUri().toURL());
      } catch (MalformedURLException ex) {
        throw new IllegalStateException("a file path always has a URL: " + jar, ex);
      }
    }
    return new Loaded(new PluginClassLoader(urls.toArray(URL[]::new), parent), jars, problems);
  }

  private static void addJar(Path jar, Origin origin, Map<Path, Origin> jars, List<String> problems) {
    Path key = jar.toAbsolutePath().normalize();
    if (jars.containsKey(key)) {
      return;
    }
    try (JarFile f = new JarFile(key.toFile())) {
      if (f.getEntry("META-INF/services/org.taskmet.api.PluginProvider") == null) {
        problems.add("plugin jar " + jar + " (from " + origin.label() + ") lists no provider in "
            + "META-INF/services/org.taskmet.api.PluginProvider; it is on the class path but adds no plugin");
      }
      jars.put(key, origin);
    } catch (IOException ex) {
      problems.add("plugin jar " + jar + " (from " + origin.label() + ") cannot be opened as a jar: " + ex.getMessage());
    }
  }

  /** The class loader of plugin jars; named, so stack traces and logs say where a class came from. */
  static final class PluginClassLoader extends java.net.URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    PluginClassLoader(URL[] urls, ClassLoader parent) {
      super("taskmet-plugins", urls, parent);
    }
  }
}
