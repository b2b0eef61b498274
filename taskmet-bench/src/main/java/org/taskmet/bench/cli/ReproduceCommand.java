package org.taskmet.bench.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taskmet.api.PluginKind;
import org.taskmet.core.plugin.PluginConfigs;
import org.taskmet.bench.run.ResultTable;
import org.taskmet.bench.sweep.LabelSelection;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepFile;
import org.taskmet.bench.sweep.SweepProfiles;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taskmet reproduce}: the TaskMet paper's decision-focused table (or another suite), measured here. */
@Command(name = "reproduce", description = {
    "Run the TaskMet paper's decision-focused experiments (cubic top-k, budget allocation, portfolio) for",
    "the six methods of its table over several seeds, and print the measured normalized test decision",
    "quality next to the published value. --suite pyepo runs PyEPO's benchmark instead (shortest path and",
    "knapsack, every PyEPO method, DFL, LODL and TaskMet; scored by normalized regret). Trials run in",
    "parallel (--jobs) or on Spark (--engine spark); each is saved as it finishes, and re-running the same",
    "command resumes and skips finished trials."})
final class ReproduceCommand implements Callable<Integer> {
  static final String SUITE = "reproduce";

  private final PluginRegistry registry;
  private final TrialKinds kinds;
  private final SweepProfiles profiles;

  @Option(names = "--suite", paramLabel = "NAME", defaultValue = SUITE,
      description = "Suite: 'reproduce' (the TaskMet paper's table, default), 'pyepo' (PyEPO's shortest path and "
          + "knapsack), or one a plugin jar ships (see 'taskmet sweep --list').")
  String suite;

  @Option(names = {"-p", "--profile"}, paramLabel = "NAME", defaultValue = "default",
      description = "Settings profile: 'default' (under 5 minutes on 2 cores), 'paper' (the reference settings), "
          + "or one a plugin jar ships (see 'taskmet sweep --list').")
  String profile;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "0",
      description = "Seeds per task and method (default: the profile's).")
  int seeds;

  @Option(names = "--tasks", paramLabel = "TASK", split = ",", description = {"Tasks to run (default: the profile's); any "
      + "installed task plugin may be named: the profile's per-task budgets do not cover it, so its methods run with "
      + "their plugins' defaults (or choose them with 'taskmet sweep'), and the table has no published value for it."})
  List<String> tasks;

  @Option(names = "--methods", paramLabel = "ROW", split = ",",
      description = "Table rows to run, e.g. 'MSE,TaskMet' (default: the profile's six).")
  List<String> rows;

  @Option(names = "--task-set", paramLabel = "KEY=VALUE", description = {"Set a config field of every task that "
      + "has it (repeatable), e.g. 'data=synthetic' for the stand-in data instead of the installed real data."})
  List<String> taskSets = new ArrayList<>();

  @Option(names = {"-o", "--out"}, paramLabel = "DIR",
      description = "Result directory (default: results/reproduce-<profile>).")
  Path out;

  @Mixin SweepOptions sweepOptions;

  @Spec CommandSpec spec;

  @Inject
  ReproduceCommand(PluginRegistry registry, TrialKinds kinds, SweepProfiles profiles) {
    this.registry = registry;
    this.kinds = kinds;
    this.profiles = profiles;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (seeds < 0) {
      throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
    }
    sweepOptions.engineOptions(); // a contradiction in the engine flags fails before planning
    if (profiles.names(suite).isEmpty()) {
      throw new IllegalArgumentException("unknown suite '" + suite + "'; accepted: " + String.join(", ",
          profiles.all().stream().map(SweepProfiles.Profile::suite).distinct().sorted().toList()));
    }
    SweepFile file = profiles.get(suite, profile).read();
    if (seeds > 0) {
      file = file.withSeeds(seeds);
    }
    PrintWriter w = spec.commandLine().getOut();
    if (tasks != null) {
      file = withPluginTasks(file, w);
    }
    file = withTaskSettings(file, KeyValues.parse("--task-set", taskSets));
    LabelSelection selection = new LabelSelection(file, suite.equals(SUITE) ? SUITE : "reproduce --suite " + suite);
    if (tasks != null) {
      selection.only(ResultTable.TASK, "task", tasks);
    }
    if (rows != null) {
      selection.only(ResultTable.METHOD, "method row", rows);
    }
    Sweep sweep = Sweep.plan(file, kinds, registry, selection);
    Path dir = out != null ? out : Path.of("results", suite + "-" + profile);
    w.printf("taskmet reproduce%s, profile '%s': %s%n", suite.equals(SUITE) ? "" : " --suite " + suite, profile,
        file.description());
    w.printf("%d trials (%d tasks x %d methods x seeds), results in %s%n", sweep.trials().size(),
        sweep.labelValues(ResultTable.TASK).size(), sweep.labelValues(ResultTable.METHOD).size(), dir);
    w.flush();
    return sweepOptions.run(spec, kinds, registry, sweep, dir);
  }

  /** The profile with every requested task plugin it does not name added to its task axis. */
  private SweepFile withPluginTasks(SweepFile file, PrintWriter w) {
    List<String> known = file.labels(ResultTable.TASK);
    List<SweepFile.Point> extra = new ArrayList<>();
    for (String t : tasks) {
      String name = t.strip();
      boolean inProfile = known.stream().anyMatch(k -> k.equalsIgnoreCase(name));
      if (!inProfile && registry.providers(PluginKind.TASK).containsKey(name)) {
        extra.add(new SweepFile.Point(name, Map.of("task", name)));
        w.printf("task '%s' is not in the profile: its methods run with their plugins' default settings, and the "
            + "paper has no published value for it%n", name);
      } else if (!inProfile) {
        throw new IllegalArgumentException("reproduce has no task '" + name + "'; the profile's: "
            + String.join(", ", known) + "; installed task plugins: "
            + String.join(", ", registry.providers(PluginKind.TASK).keySet()));
      }
    }
    return extra.isEmpty() ? file : file.withPoints(ResultTable.TASK, extra);
  }

  /** Adds a rule per task of the file that has the field, setting it; a field no task has is an error. */
  private SweepFile withTaskSettings(SweepFile file, Map<String, Object> settings) {
    List<SweepFile.Rule> rules = new ArrayList<>(file.where());
    for (Map.Entry<String, Object> e : settings.entrySet()) {
      List<String> having = file.labels(ResultTable.TASK).stream()
          .filter(t -> registry.providers(PluginKind.TASK).containsKey(t) && PluginConfigs.toMap(
              registry.provider(PluginKind.TASK, t).defaultConfig()).containsKey(e.getKey())).toList();
      if (having.isEmpty()) {
        throw new IllegalArgumentException("--task-set " + e.getKey() + "=" + e.getValue() + ": no task of the profile ("
            + String.join(", ", file.labels(ResultTable.TASK)) + ") has a config field '" + e.getKey() + "'");
      }
      for (String task : having) {
        rules.add(new SweepFile.Rule(Map.of(ResultTable.TASK, task),
            Map.of("taskConfig", Map.of(e.getKey(), e.getValue())), null));
      }
    }
    return new SweepFile(file.name(), file.source(), file.description(), file.kind(), file.seeds(), file.base(),
        file.axes(), rules);
  }
}
