package org.taskmet.bench.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.taskmet.bench.run.ExperimentRunner;
import org.taskmet.bench.run.ReproducePlan;
import org.taskmet.bench.run.ResultStore;
import org.taskmet.bench.run.ResultTable;
import org.taskmet.bench.run.ReproducePlots;
import org.taskmet.bench.run.TrialExecutor;
import org.taskmet.bench.run.TrialSpec;
import org.taskmet.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code taskmet reproduce}: the TaskMet paper's decision-focused table, measured here. */
@Command(name = "reproduce", description = {
    "Run the TaskMet paper's decision-focused experiments (cubic top-k, budget allocation, portfolio) for",
    "the six methods of its table over several seeds, and print the measured normalized test decision",
    "quality next to the published value. Each trial is saved as it finishes; re-running the same",
    "command resumes and skips finished trials."})
final class ReproduceCommand implements Callable<Integer> {
  private final PluginRegistry registry;
  private final TrialExecutor executor;

  @Option(names = {"-p", "--profile"}, paramLabel = "NAME", defaultValue = "default",
      description = "Settings profile: 'default' (about 10 minutes on 2 cores) or 'paper' (the reference settings).")
  String profile;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "0",
      description = "Seeds per task and method (default: the profile's).")
  int seeds;

  @Option(names = "--tasks", paramLabel = "TASK", split = ",", description = "Tasks to run (default: all three).")
  List<String> tasks = ReproducePlan.TASKS;

  @Option(names = "--methods", paramLabel = "ROW", split = ",",
      description = "Table rows to run, e.g. 'MSE,TaskMet' (default: all six).")
  List<String> rows = ReproducePlan.ROWS.stream().map(ReproducePlan.Row::label).toList();

  @Option(names = {"-o", "--out"}, paramLabel = "DIR",
      description = "Result directory (default: results/reproduce-<profile>).")
  Path out;

  @Option(names = "--no-plots", description = "Skip the PNG plots.")
  boolean noPlots;

  @Spec CommandSpec spec;

  @Inject
  ReproduceCommand(PluginRegistry registry, TrialExecutor executor) {
    this.registry = registry;
    this.executor = executor;
  }

  @Override
  public Integer call() {
    if (seeds < 0) {
      throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
    }
    List<TrialSpec> trials = ReproducePlan.trials(profile, tasks, rows, seeds);
    // every distinct configuration is built once up front, so a bad profile fails before hours of work
    trials.stream().filter(t -> t.seed() == 0).forEach(t -> t.validate(registry));
    Path dir = out != null ? out : Path.of("results", "reproduce-" + profile);
    PrintWriter w = spec.commandLine().getOut();
    w.printf("taskmet reproduce, profile '%s': %s%n", profile, ReproducePlan.describe(profile));
    w.printf("%d trials (%d tasks x %d methods x seeds), results in %s%n", trials.size(), tasks.size(), rows.size(), dir);
    w.flush();

    long start = System.nanoTime();
    ResultStore store = new ResultStore(dir);
    ExperimentRunner.Outcome outcome = new ExperimentRunner(store, executor, System.err).run("reproduce", trials);
    double seconds = (System.nanoTime() - start) / 1e9;

    ResultTable table = ResultTable.of(outcome.results());
    String report = report(table, seconds, outcome);
    store.writeText("table.md", report);
    w.println();
    w.print(report);
    if (!noPlots) {
      List<Path> pngs = ReproducePlots.write(dir, table, outcome.results(), registry);
      pngs.forEach(p -> w.println("plot: " + p));
    }
    w.println("summary: " + dir.resolve("summary.csv"));
    return 0;
  }

  private String report(ResultTable table, double seconds, ExperimentRunner.Outcome outcome) {
    StringBuilder sb = new StringBuilder();
    sb.append("## Normalized test decision quality (0 = random decisions, 1 = oracle)\n\n");
    sb.append(table.toMarkdown()).append('\n');
    sb.append("`!` marks a published value outside the measured mean ± 2 std.\n");
    sb.append("Budget and portfolio run on synthetic stand-ins for the paper's data (not public), so those\n");
    sb.append("columns are comparable with the paper in the ordering of methods, not in value.\n");
    sb.append(String.format(Locale.ROOT, "%nWall time %.1f s for %d trials (%d resumed from earlier runs), profile '%s', "
        + "taskmet %s, Java %s.%n", seconds, outcome.results().size(), outcome.resumed(), profile, TaskmetCli.version(),
        Runtime.version()));
    return sb.toString();
  }
}
