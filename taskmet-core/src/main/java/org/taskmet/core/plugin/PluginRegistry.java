package org.taskmet.core.plugin;

import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/**
 * The plugins found on a class path, by kind and name.
 *
 * <p>Discovery uses {@link ServiceLoader} on {@link PluginProvider}. Its order is unspecified, so plugins
 * are sorted by name. Two providers with the same kind and name are an error ({@link DuplicatePluginException})
 * naming both classes and their jars. A provider that fails to load is skipped and recorded in
 * {@link #failures()} (and logged) with its jar and the reason, so one broken jar does not take the others down.
 */
public final class PluginRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

  private final Map<PluginKind, Map<String, PluginProvider<?, ?>>> byKind;
  private final List<String> failures;
  private final Map<Path, PluginPath.Origin> pluginJars;

  private PluginRegistry(Map<PluginKind, Map<String, PluginProvider<?, ?>>> byKind, List<String> failures,
      Map<Path, PluginPath.Origin> pluginJars) {
    this.byKind = byKind;
    this.failures = List.copyOf(failures);
    this.pluginJars = Map.copyOf(pluginJars);
  }

  /** Discovers the plugins visible to the context class loader (or this class's loader). */
  public static PluginRegistry discover() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return discover(cl != null ? cl : PluginRegistry.class.getClassLoader());
  }

  /** Discovers the plugins visible to {@code classLoader}. */
  public static PluginRegistry discover(ClassLoader classLoader) {
    return discover(new PluginPath.Loaded(classLoader, Map.of(), List.of()));
  }

  /**
   * Discovers the plugins of the class path and an opened {@link PluginPath}; the path's problems become
   * {@link #failures()} and its jars the {@link #source} of their plugins.
   *
   * @throws DuplicatePluginException when two plugins of one kind share a name
   */
  public static PluginRegistry discover(PluginPath.Loaded path) {
    List<String> failures = new ArrayList<>(path.problems());
    List<PluginProvider<?, ?>> found = load(path.classLoader(), failures);
    failures.forEach(LOG::warn);
    return of(found, failures, path.jars());
  }

  /**
   * Instantiates every provider {@link ServiceLoader} finds through {@code classLoader}, in discovery order. A
   * provider that fails to load is skipped and described in {@code failures} (its class, its jar and why).
   */
  @SuppressWarnings("rawtypes")
  public static List<PluginProvider<?, ?>> load(ClassLoader classLoader, List<String> failures) {
    List<PluginProvider<?, ?>> found = new ArrayList<>();
    Iterator<PluginProvider> it = ServiceLoader.load(PluginProvider.class, classLoader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        // the loader names the provider class in its message; add its jar, and keep going with the rest
        failures.add("plugin failed to load: " + e.getMessage() + jarOf(e.getMessage(), classLoader)
            + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
      }
    }
    return found;
  }

  /** " in <jar>" for the provider class a ServiceLoader message names, when it can be found. */
  private static String jarOf(String message, ClassLoader loader) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Provider ([\\w.$]+)").matcher(String.valueOf(message));
    if (!m.find()) {
      return "";
    }
    URL url = loader.getResource(m.group(1).replace('.', '/') + ".class");
    if (url == null || !"jar".equals(url.getProtocol())) {
      return "";
    }
    String file = url.getFile();
    int bang = file.indexOf("!/");
    return " in " + (bang > 0 ? file.substring(0, bang) : file).replaceFirst("^file:", "");
  }

  /** A registry of the given providers (for library users who wire plugins by hand, and for tests). */
  public static PluginRegistry of(List<? extends PluginProvider<?, ?>> providers) {
    return of(providers, List.of(), Map.of());
  }

  private static PluginRegistry of(List<? extends PluginProvider<?, ?>> providers, List<String> failures,
      Map<Path, PluginPath.Origin> pluginJars) {
    Map<PluginKind, Map<String, PluginProvider<?, ?>>> byKind = new EnumMap<>(PluginKind.class);
    for (PluginKind k : PluginKind.values()) {
      byKind.put(k, new TreeMap<>());
    }
    List<String> problems = new ArrayList<>(failures);
    List<PluginProvider<?, ?>> sorted = new ArrayList<>(providers);
    sorted.sort(Comparator.comparing((PluginProvider<?, ?> p) -> p.getClass().getName()));
    for (PluginProvider<?, ?> p : sorted) {
      String problem = checkShape(p);
      if (problem != null) {
        LOG.warn(problem);
        problems.add(problem);
        continue;
      }
      PluginProvider<?, ?> previous = byKind.get(p.kind()).putIfAbsent(p.name(), p);
      if (previous != null) {
        throw new DuplicatePluginException("duplicate " + p.kind().label() + " plugin name '" + p.name() + "': "
            + describe(previous) + " and " + describe(p));
      }
    }
    Map<PluginKind, Map<String, PluginProvider<?, ?>>> frozen = new EnumMap<>(PluginKind.class);
    byKind.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
    return new PluginRegistry(Collections.unmodifiableMap(frozen), problems, pluginJars);
  }

  private static String checkShape(PluginProvider<?, ?> p) {
    String cls = p.getClass().getName();
    String name;
    try {
      name = p.name();
      if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
        return "plugin " + cls + " has an invalid name '" + name + "' (expected lower-case words joined by dashes)";
      }
      if (p.kind() == null) {
        return "plugin '" + name + "' (" + cls + ") declares no kind";
      }
      Object defaults = p.defaultConfig();
      if (defaults == null || !p.configType().isInstance(defaults)) {
        return "plugin '" + name + "' (" + cls + "): defaultConfig() must return a " + p.configType().getName();
      }
    } catch (RuntimeException e) {
      return "plugin " + cls + " failed to describe itself: " + e;
    }
    return null;
  }

  /** "class (jar)" for error messages. */
  public static String describe(PluginProvider<?, ?> p) {
    Path where = location(p);
    return p.getClass().getName() + (where == null ? "" : " (" + where + ")");
  }

  /** The jar (or folder) a plugin's class was loaded from, or null when unknown. */
  public static Path location(PluginProvider<?, ?> p) {
    CodeSource cs = p.getClass().getProtectionDomain().getCodeSource();
    try {
      return cs == null || cs.getLocation() == null ? null : Path.of(cs.getLocation().toURI());
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Where a plugin came from: its jar and the plugin-path location that named it (e.g.
   * {@code "/opt/x.jar (TASKMET_PLUGIN_PATH)"}), or {@code "class path"} for plugins on taskmet's own class path.
   */
  public String source(PluginProvider<?, ?> p) {
    Path where = location(p);
    PluginPath.Origin origin = where == null ? null : pluginJars.get(where.toAbsolutePath().normalize());
    return origin == null ? "class path" : where + " (" + origin.label() + ")";
  }

  /** The providers of one kind, sorted by name. */
  public Map<String, PluginProvider<?, ?>> providers(PluginKind kind) {
    return byKind.get(kind);
  }

  /** Every provider, by kind then name. */
  public List<PluginProvider<?, ?>> all() {
    return byKind.values().stream().flatMap(m -> m.values().stream()).collect(Collectors.toList());
  }

  /**
   * The provider of {@code kind} called {@code name}.
   *
   * @throws IllegalArgumentException naming the unknown plugin and the accepted names
   */
  public PluginProvider<?, ?> provider(PluginKind kind, String name) {
    PluginProvider<?, ?> p = byKind.get(kind).get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown " + kind.label() + " '" + name + "'; accepted: "
          + (byKind.get(kind).isEmpty() ? "(none installed)" : String.join(", ", byKind.get(kind).keySet())));
    }
    return p;
  }

  /** Problems met while loading (each names the plugin); empty when all loaded. */
  public List<String> failures() {
    return failures;
  }
}
