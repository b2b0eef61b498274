package org.taskmet.bench.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trials of {@code taskmet reproduce}: the TaskMet paper's tasks × the six method rows of its table
 * × seeds, with per-profile config overrides read from {@code reproduce-profiles.yaml} (bundled).
 *
 * <p>Seed i uses dataset seed i and model seed i, so every trial has its own data draw, as the paper's
 * sweeps over dataset seeds do.
 */
public final class ReproducePlan {
  /** One row of the paper's table: a label, the method plugin and its config overrides. */
  public record Row(String label, String method, Map<String, Object> methodConfig) {}

  /** A profile: how many seeds, and the config overrides per task and per (task, row). */
  record Profile(String description, int seeds, Map<String, Map<String, Object>> taskConfig,
      Map<String, Map<String, Map<String, Object>>> methodConfig) {}

  /** The rows of the published table, in its order. */
  public static final List<Row> ROWS = List.of(
      new Row("MSE", "mse", Map.of()),
      new Row("DFL α=0", "dfl", Map.of("alpha", 0.0)),
      new Row("DFL α=10", "dfl", Map.of("alpha", 10.0)),
      new Row("LODL α=0", "lodl", Map.of("alpha", 0.0)),
      new Row("LODL α=10", "lodl", Map.of("alpha", 10.0)),
      new Row("TaskMet", "taskmet", Map.of()));

  public static final List<String> TASKS = List.of("cubic", "budget", "portfolio");

  private ReproducePlan() {}

  /** The names of the bundled profiles. */
  public static List<String> profiles() {
    return List.copyOf(load().keySet());
  }

  public static String describe(String profile) {
    return profile(profile).description();
  }

  /**
   * The trials of {@code profile} for the given tasks and rows (labels); {@code seeds} overrides the
   * profile's seed count when positive.
   */
  public static List<TrialSpec> trials(String profile, List<String> tasks, List<String> rowLabels, int seeds) {
    Profile p = profile(profile);
    int n = seeds > 0 ? seeds : p.seeds();
    List<TrialSpec> out = new ArrayList<>();
    for (String task : tasks) {
      if (!TASKS.contains(task)) {
        throw new IllegalArgumentException("reproduce has no task '" + task + "'; accepted: " + String.join(", ", TASKS));
      }
      for (String label : rowLabels) {
        Row row = row(label);
        Map<String, Object> methodConfig = new LinkedHashMap<>(row.methodConfig());
        methodConfig.putAll(p.methodConfig().getOrDefault(task, Map.of()).getOrDefault(row.method(), Map.of()));
        Map<String, Object> taskConfig = p.taskConfig().getOrDefault(task, Map.of());
        for (int s = 0; s < n; s++) {
          out.add(new TrialSpec(task, taskConfig, row.label(), row.method(), methodConfig, s, s));
        }
      }
    }
    return out;
  }

  /** The row with this label (case-insensitive, spaces optional: "dfl α=10", "DFLα=10"). */
  public static Row row(String label) {
    String want = normalize(label);
    for (Row r : ROWS) {
      if (normalize(r.label()).equals(want)) {
        return r;
      }
    }
    throw new IllegalArgumentException("reproduce has no method row '" + label + "'; accepted: "
        + String.join(", ", ROWS.stream().map(Row::label).toList()));
  }

  private static String normalize(String s) {
    return s.toLowerCase(java.util.Locale.ROOT).replace("alpha", "α").replace(" ", "");
  }

  private static Profile profile(String name) {
    Profile p = load().get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown profile '" + name + "'; accepted: " + String.join(", ", load().keySet()));
    }
    return p;
  }

  private static Map<String, Profile> load() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = ReproducePlan.class.getResourceAsStream("reproduce-profiles.yaml")) {
      if (in == null) {
        throw new IllegalStateException("reproduce-profiles.yaml is missing from the taskmet jar");
      }
      return yaml.readValue(in, yaml.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Profile.class));
    } catch (IOException e) {
      throw new UncheckedIOException("bundled reproduce-profiles.yaml is invalid: " + e.getMessage(), e);
    }
  }
}
