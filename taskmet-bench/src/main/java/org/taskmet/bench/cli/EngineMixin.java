package org.taskmet.bench.cli;

import java.util.ArrayList;
import java.util.List;
import org.taskmet.bench.sweep.EngineOptions;
import org.taskmet.bench.sweep.LocalEngine;
import picocli.CommandLine.Option;

/**
 * The engine options every sweep command takes ({@code reproduce}, {@code sweep}, and the suites' commands): mix
 * it in with {@code @Mixin EngineMixin engine;} and pass {@link #options()} to the sweep runner.
 */
public final class EngineMixin {
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

  /** The options as given; a contradiction names both flags. */
  public EngineOptions options() {
    if (jobs != null && !engine.equals(LocalEngine.NAME)) {
      throw new IllegalArgumentException("--jobs is for the local engine; the " + engine + " engine runs as many "
          + "trials at once as it has task slots (for Spark, local[N] has N)");
    }
    return new EngineOptions(engine, jobs == null ? 0 : jobs, master, KeyValues.parse("--conf", conf).entrySet()
        .stream().collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, e -> e.getValue().toString())));
  }
}
