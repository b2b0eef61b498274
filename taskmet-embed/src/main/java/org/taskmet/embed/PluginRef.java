package org.taskmet.embed;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plugin by name with its config overrides: enough to rebuild it from a registry.
 *
 * @param name the plugin name, e.g. {@code "mlp"}
 * @param config overrides of its config defaults
 */
public record PluginRef(String name, Map<String, Object> config) {
  public PluginRef {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a plugin reference needs a name");
    }
    config = config == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(config));
  }
}
