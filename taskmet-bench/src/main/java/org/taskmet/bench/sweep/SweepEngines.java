package org.taskmet.bench.sweep;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.taskmet.core.plugin.PluginRegistry;

/** The engines installed in this JVM, by name: {@code local}, and {@code spark} when the Spark module is present. */
public final class SweepEngines {
  /** How to get the Spark engine, for the error when it is missing. */
  static final String SPARK_HINT = "the Spark engine is the optional taskmet-spark module: build it with "
      + "'./mvnw -B -q package -pl taskmet-spark -am -DskipTests' and the taskmet launcher puts it on the class path";

  private SweepEngines() {}

  /** The providers visible to the context class loader, by name. */
  public static Map<String, SweepEngine.Provider> discover() {
    Map<String, SweepEngine.Provider> out = new TreeMap<>();
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    for (SweepEngine.Provider p : ServiceLoader.load(SweepEngine.Provider.class,
        cl != null ? cl : SweepEngines.class.getClassLoader())) {
      out.putIfAbsent(p.name(), p);
    }
    return out;
  }

  /**
   * The engine {@code options} names, ready to run.
   *
   * @throws IllegalArgumentException naming an unknown engine and the installed ones
   */
  public static SweepEngine create(EngineOptions options, TrialKinds kinds, PluginRegistry plugins) {
    Map<String, SweepEngine.Provider> all = discover();
    SweepEngine.Provider p = all.get(options.engine());
    if (p == null) {
      throw new IllegalArgumentException("unknown engine '" + options.engine() + "'; installed: "
          + String.join(", ", all.keySet()) + (options.engine().equals("spark") ? " (" + SPARK_HINT + ")" : ""));
    }
    return p.create(options, kinds, plugins);
  }
}
