package org.taskmet.core.method;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** Finds a metric plugin by name on the classpath and builds it with its default config. */
final class MetricPlugins {
  private MetricPlugins() {}

  @SuppressWarnings({"rawtypes", "unchecked"})
  static MetricParameterization.Factory byName(String name) {
    List<String> known = new ArrayList<>();
    for (PluginProvider p : ServiceLoader.load(PluginProvider.class)) {
      if (p.kind() == PluginKind.METRIC) {
        if (p.name().equals(name)) {
          return (MetricParameterization.Factory) p.create(p.defaultConfig());
        }
        known.add(p.name());
      }
    }
    java.util.Collections.sort(known);
    throw new IllegalArgumentException("taskmet: config field 'metric' = '" + name + "' is not a metric plugin; "
        + "known metrics: " + known);
  }
}
