package org.taskmet.bench.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.taskmet.api.PluginKind;
import org.taskmet.api.Task;
import org.taskmet.api.TrainingMethod;
import org.taskmet.core.plugin.PluginRegistry;
import org.taskmet.core.plugin.Plugins;

/**
 * One trial: a task, a method (one row of the results table) and the two seeds. Everything needed to
 * re-run it: the plugin names and their full config maps.
 *
 * @param task task plugin name
 * @param taskConfig the task's config fields (overrides of its defaults)
 * @param row the table row label, e.g. {@code "DFL α=10"}
 * @param method method plugin name
 * @param methodConfig the method's config fields (overrides of its defaults)
 * @param datasetSeed seeds the data
 * @param seed seeds the model and training
 */
public record TrialSpec(
    String task, Map<String, Object> taskConfig, String row, String method, Map<String, Object> methodConfig,
    long datasetSeed, long seed) {
  public TrialSpec {
    taskConfig = new TreeMap<>(taskConfig);
    methodConfig = new TreeMap<>(methodConfig);
  }

  /**
   * Builds the task and method plugins of this trial and discards them, so a wrong name, key or value
   * fails before any work starts.
   *
   * @throws IllegalArgumentException naming the plugin and what was wrong
   */
  public void validate(PluginRegistry registry) {
    Plugins.create(registry, PluginKind.TASK, Task.class, task, taskConfig);
    Plugins.create(registry, PluginKind.METHOD, TrainingMethod.class, method, methodConfig);
  }

  /**
   * A file-name-safe id: readable prefix plus a hash of the whole spec, so a changed config is a new
   * trial and never picks up a stale result on resume.
   */
  public String id() {
    String rowSlug = row.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return task + "_" + rowSlug + "_d" + datasetSeed + "_s" + seed + "_" + hash();
  }

  private String hash() {
    String canonical = task + "|" + taskConfig + "|" + row + "|" + method + "|" + methodConfig + "|" + datasetSeed
        + "|" + seed;
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
