package org.taskmet.core.plugin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.taskmet.api.Task;

/**
 * The {@code data} field a task config may have (portfolio, budget): where the task's data come from. Its value
 * {@code auto} depends on the machine (the real data when their Debian package is installed, else the synthetic
 * stand-in), so whatever records a run — trial ids, predictor files — records the resolved value
 * ({@link Task#dataLabel()}) instead, and the record means the same data on every machine.
 */
public final class TaskData {
  /** The config field. */
  public static final String FIELD = "data";
  /** Its machine-dependent value. */
  public static final String AUTO = "auto";
  /**
   * What a recorded config without the field meant: it was written before the field existed (taskmet 0.1), when
   * the tasks that have it now ran only on their synthetic stand-ins.
   */
  public static final String BEFORE_THE_FIELD = "synthetic";

  private TaskData() {}

  /**
   * {@code overrides} with {@code data} set to what {@code built} resolved {@code auto} to, when the effective
   * config ({@code effective}: the task's defaults with the overrides) says {@code auto}; otherwise
   * {@code overrides} unchanged.
   */
  public static Map<String, Object> pinned(Map<String, ?> overrides, Map<String, ?> effective, Task built) {
    Map<String, Object> out = new LinkedHashMap<>(overrides);
    if (AUTO.equals(effective.get(FIELD))) {
      out.put(FIELD, built.dataLabel());
    }
    return out;
  }
}
