package org.taskmet.bench.run;

import java.util.Map;
import java.util.TreeMap;

/** A plugin by name with its full config, enough to rebuild it from a registry. */
public record PluginRef(String name, Map<String, Object> config) {
  public PluginRef {
    config = new TreeMap<>(config);
  }
}
