package org.taskmet.bench.run;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.taskmet.core.method.Profiles;
import org.taskmet.core.plugin.PluginConfigs;

/**
 * The trials of {@code taskmet reproduce}: the TaskMet paper's tasks × the six method rows of its table ×
 * seeds, with the method settings of a {@link Profiles profile}. Each trial records the method's full config,
 * so its result file alone says how it was run.
 *
 * <p>Seed i uses dataset seed i and model seed i, so every trial has its own data draw, as the paper's
 * sweeps over dataset seeds do.
 */
public final class ReproducePlan {
  /** One row of the paper's table: the label printed in tables and the profile's row. */
  public record Row(String label, Profiles.MethodRow methodRow) {}

  /** The rows of the published table, in its order. */
  public static final List<Row> ROWS = Profiles.tableRows().stream().map(r -> new Row(label(r), r)).toList();

  public static final List<String> TASKS = List.of("cubic", "budget", "portfolio");

  private static final Map<String, String> DESCRIPTIONS = Map.of(
      Profiles.DEFAULT, "reduced iteration and sample budgets, sized to finish in about 10 minutes on 2 cores",
      Profiles.PAPER, "the reference settings of the TaskMet code (taskmet.md §1.6, §3.1)");

  private ReproducePlan() {}

  public static String describe(String profile) {
    return DESCRIPTIONS.get(checkProfile(profile));
  }

  /**
   * The trials of {@code profile} for the given tasks and row labels; {@code seeds} overrides the profile's
   * seed count when positive.
   */
  public static List<TrialSpec> trials(String profile, List<String> tasks, List<String> rowLabels, int seeds) {
    checkProfile(profile);
    int n = seeds > 0 ? seeds : Profiles.seeds(profile);
    List<Row> rows = rowLabels.stream().map(ReproducePlan::row).toList();
    List<TrialSpec> out = new ArrayList<>();
    for (String task : tasks) {
      if (!TASKS.contains(task)) {
        throw new IllegalArgumentException("reproduce has no task '" + task + "'; accepted: " + String.join(", ", TASKS));
      }
      for (Row row : rows) {
        Map<String, Object> methodConfig = PluginConfigs.toMap(Profiles.methodConfig(profile, task, row.methodRow()));
        for (int s = 0; s < n; s++) {
          out.add(new TrialSpec(task, Map.of(), row.label(), row.methodRow().plugin(), methodConfig, s, s));
        }
      }
    }
    return out;
  }

  /** The row with this label, case-insensitive and with spaces and "alpha"/"α" interchangeable. */
  public static Row row(String label) {
    String want = normalize(label);
    for (Row r : ROWS) {
      if (normalize(r.label()).equals(want) || normalize(r.methodRow().label()).equals(want)) {
        return r;
      }
    }
    throw new IllegalArgumentException("reproduce has no method row '" + label + "'; accepted: "
        + String.join(", ", ROWS.stream().map(Row::label).toList()));
  }

  /** "MSE", "DFL α=10", "LODL α=0", "TaskMet": the paper's row names, from the plugin and α. */
  private static String label(Profiles.MethodRow r) {
    return switch (r.plugin()) {
      case "mse" -> "MSE";
      case "taskmet" -> "TaskMet";
      default -> r.plugin().toUpperCase(Locale.ROOT) + " α=" + new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(r.alpha());
    };
  }

  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replace("alpha", "α").replace(" ", "");
  }

  private static String checkProfile(String profile) {
    if (!DESCRIPTIONS.containsKey(profile)) {
      throw new IllegalArgumentException("unknown profile '" + profile + "'; accepted: " + Profiles.DEFAULT + ", "
          + Profiles.PAPER);
    }
    return profile;
  }
}
