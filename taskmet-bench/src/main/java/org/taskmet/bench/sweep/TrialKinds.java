package org.taskmet.bench.sweep;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The trial kinds a JVM can run, by name. */
public final class TrialKinds {
  private final Map<String, TrialKind<?, ?>> byName;

  private TrialKinds(Map<String, TrialKind<?, ?>> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** The kinds visible to the context class loader (or this class's loader): built in, and from plugin jars. */
  public static TrialKinds discover() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return discover(cl != null ? cl : TrialKinds.class.getClassLoader());
  }

  /**
   * The kinds visible to {@code classLoader}.
   *
   * @throws IllegalStateException naming the provider that failed to load, or both classes of a duplicate name
   */
  @SuppressWarnings("rawtypes")
  public static TrialKinds discover(ClassLoader classLoader) {
    Map<String, TrialKind<?, ?>> found = new TreeMap<>();
    try {
      for (TrialKind k : ServiceLoader.load(TrialKind.class, classLoader)) {
        add(found, k);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("a trial kind failed to load: " + e.getMessage(), e);
    }
    return new TrialKinds(found);
  }

  /** Exactly these kinds (tests, and applications that wire kinds by hand). */
  public static TrialKinds of(List<? extends TrialKind<?, ?>> kinds) {
    Map<String, TrialKind<?, ?>> found = new TreeMap<>();
    kinds.forEach(k -> add(found, k));
    return new TrialKinds(found);
  }

  private static void add(Map<String, TrialKind<?, ?>> found, TrialKind<?, ?> kind) {
    String name = kind.name();
    if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
      throw new IllegalStateException("trial kind " + kind.getClass().getName() + " has an invalid name '" + name
          + "' (expected lower-case words joined by dashes)");
    }
    TrialKind<?, ?> previous = found.putIfAbsent(name, kind);
    if (previous != null && previous.getClass() != kind.getClass()) {
      throw new IllegalStateException("two trial kinds are named '" + name + "': " + previous.getClass().getName()
          + " and " + kind.getClass().getName());
    }
  }

  /**
   * The kind called {@code name}.
   *
   * @throws IllegalArgumentException naming the unknown kind and the installed ones
   */
  public TrialKind<?, ?> get(String name) {
    TrialKind<?, ?> k = byName.get(name);
    if (k == null) {
      throw new IllegalArgumentException("unknown trial kind '" + name + "'; installed: "
          + (byName.isEmpty() ? "(none)" : String.join(", ", byName.keySet())));
    }
    return k;
  }

  /** Every kind, sorted by name. */
  public Map<String, TrialKind<?, ?>> all() {
    return byName;
  }
}
