package org.taskmet.core.method;

import java.util.Map;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.PluginKind;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;

/** Builds the metric plugin a method names, with its config overrides, from the plugins visible to the context class
 * loader. */
final class MetricPlugins {
  private MetricPlugins() {}

  /**
   * @throws IllegalArgumentException naming the unknown metric and the known ones, or the unknown config key and the
   *     accepted ones
   */
  static MetricParameterization.Factory create(String name, Map<String, Object> config) {
    return Plugins.create(PluginRegistry.discover(), PluginKind.METRIC, MetricParameterization.Factory.class, name,
        config);
  }
}
