package org.taskmet.bench.sweep;

import java.util.Map;
import java.util.TreeMap;

/**
 * How to run a sweep.
 *
 * @param engine the engine's name: {@code local} (built in) or {@code spark} (the {@code taskmet-spark} module)
 * @param jobs trials run at once by the local engine; 0 means one per available core
 * @param master the Spark master URL ({@code local[2]}, {@code spark://host:7077}); {@code null} for the engine's
 *     default
 * @param conf engine settings (for Spark: any {@code spark.*} property)
 */
public record EngineOptions(String engine, int jobs, String master, Map<String, String> conf) {
  public EngineOptions {
    if (jobs < 0) {
      throw new IllegalArgumentException("--jobs must be >= 1 (or 0 for one per core), got " + jobs);
    }
    conf = new TreeMap<>(conf);
  }

  /** The local engine with {@code jobs} trials at once (0: one per core). */
  public static EngineOptions local(int jobs) {
    return new EngineOptions(LocalEngine.NAME, jobs, null, Map.of());
  }
}
