package org.taskmet.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.taskmet.bench.sweep.EngineOptions;
import org.taskmet.bench.sweep.LocalEngine;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepRunner;
import org.taskmet.bench.sweep.TrialKinds;
import org.taskmet.core.plugin.PluginRegistry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What every sweep command shares ({@code reproduce}, {@code sweep}, and the suites' commands): the engine options,
 * {@code --no-plots}, and running a planned sweep and printing its report. Mix it in with
 * {@code @Mixin SweepOptions sweep;}, check {@link #engineOptions()} before planning (so a contradiction fails
 * first), and finish with {@code return sweep.run(spec, kinds, registry, planned, dir);}.
 */
public final class SweepOptions {
  @Option(names = {"-j", "--jobs"}, paramLabel = "N",
      description = "Trials run at once by the local engine (default: one per available core). Each trial gets "
          + "an equal share of the cores for its own threads; results do not depend on N.")
  Integer jobs;

  @Option(names = "--engine", paramLabel = "NAME", defaultValue = LocalEngine.NAME,
      description = "Where trials run: 'local' (this machine, default) or 'spark' (the optional taskmet-spark "
          + "module; see --master).")
  String engine;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master for --engine spark: local[2], local[2,3] (3 attempts per trial), spark://host:7077.")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE",
      description = "An engine setting, e.g. spark.task.maxFailures=4 or spark.executor.memory=4g (repeatable).")
  List<String> conf = new ArrayList<>();

  @Option(names = "--no-plots", description = "Skip the PNG plots.")
  boolean noPlots;

  /**
   * The engine options as given.
   *
   * @throws IllegalArgumentException naming both flags of a contradiction
   */
  public EngineOptions engineOptions() {
    if (jobs != null && !engine.equals(LocalEngine.NAME)) {
      throw new IllegalArgumentException("--jobs is for the local engine; the " + engine + " engine runs as many "
          + "trials at once as it has task slots (for Spark, local[N] has N)");
    }
    Map<String, String> settings = KeyValues.parse("--conf", conf).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()));
    return new EngineOptions(engine, jobs == null ? 0 : jobs, master, settings);
  }

  /**
   * Runs {@code sweep} into {@code dir} and prints its report, files and failed trials; returns the command's exit
   * code: 0, or 1 when a trial failed.
   */
  public int run(CommandSpec command, TrialKinds kinds, PluginRegistry registry, Sweep sweep, Path dir)
      throws InterruptedException {
    SweepRunner.Outcome outcome = new SweepRunner(kinds, registry, System.err).run(sweep, dir, engineOptions(),
        "taskmet " + String.join(" ", command.commandLine().getParseResult().originalArgs()), !noPlots);
    PrintWriter w = command.commandLine().getOut();
    w.println();
    w.print(outcome.report().markdown());
    w.println();
    w.print(SweepRunner.footer(sweep, outcome));
    outcome.report().files().forEach(p -> w.println("plot: " + p));
    w.println("summary: " + dir.resolve("summary.csv"));
    if (outcome.failures().isEmpty()) {
      return 0;
    }
    w.printf("%d trial%s failed (no result files were written for them; run the same command again to retry):%n",
        outcome.failures().size(), outcome.failures().size() == 1 ? "" : "s");
    outcome.failures().forEach((id, error) -> w.println("  " + id + ": " + error));
    return 1;
  }
}
