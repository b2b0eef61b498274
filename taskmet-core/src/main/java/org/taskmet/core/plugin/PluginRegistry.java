package org.taskmet.core.plugin;

import java.net.URL;
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
 * are sorted by name. Two providers with the same kind and name are an error naming both classes and
 * their jars. A provider that fails to load is skipped and recorded in {@link #failures()} (and logged),
 * so one broken jar does not take the others down.
 */
public final class PluginRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

  private final Map<PluginKind, Map<String, PluginProvider<?, ?>>> byKind;
  private final List<String> failures;

  private PluginRegistry(Map<PluginKind, Map<String, PluginProvider<?, ?>>> byKind, List<String> failures) {
    this.byKind = byKind;
    this.failures = List.copyOf(failures);
  }

  /** Discovers the plugins visible to the context class loader (or this class's loader). */
  public static PluginRegistry discover() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return discover(cl != null ? cl : PluginRegistry.class.getClassLoader());
  }

  /** Discovers the plugins visible to {@code classLoader}. */
  @SuppressWarnings("rawtypes")
  public static PluginRegistry discover(ClassLoader classLoader) {
    List<PluginProvider<?, ?>> found = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Iterator<PluginProvider> it = ServiceLoader.load(PluginProvider.class, classLoader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        // the loader names the provider class in its message; keep going with the rest
        String msg = "plugin failed to load: " + e.getMessage()
            + (e.getCause() != null ? " (" + e.getCause() + ")" : "");
        LOG.warn(msg);
        failures.add(msg);
      }
    }
    return of(found, failures);
  }

  /** A registry of the given providers (for library users who wire plugins by hand, and for tests). */
  public static PluginRegistry of(List<? extends PluginProvider<?, ?>> providers) {
    return of(providers, List.of());
  }

  private static PluginRegistry of(List<? extends PluginProvider<?, ?>> providers, List<String> failures) {
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
        throw new IllegalStateException("duplicate " + p.kind().label() + " plugin name '" + p.name() + "': "
            + describe(previous) + " and " + describe(p));
      }
    }
    Map<PluginKind, Map<String, PluginProvider<?, ?>>> frozen = new EnumMap<>(PluginKind.class);
    byKind.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
    return new PluginRegistry(Collections.unmodifiableMap(frozen), problems);
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
  static String describe(PluginProvider<?, ?> p) {
    CodeSource cs = p.getClass().getProtectionDomain().getCodeSource();
    URL where = cs == null ? null : cs.getLocation();
    return p.getClass().getName() + (where == null ? "" : " (" + where + ")");
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
