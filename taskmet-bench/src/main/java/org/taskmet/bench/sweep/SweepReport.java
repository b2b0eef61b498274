package org.taskmet.bench.sweep;

import java.nio.file.Path;
import java.util.List;
import org.taskmet.core.plugin.PluginRegistry;

/**
 * A suite's tables and plots, rebuilt from its finished trials (read from the result files) whenever a sweep ends,
 * so they always describe every finished trial, resumed or new.
 */
@FunctionalInterface
public interface SweepReport<S, R> {
  /**
   * Writes the report's files into {@code context.store()} and returns what to show the user.
   *
   * @param trials the sweep's finished trials, in plan order
   */
  Report write(List<FinishedTrial<S, R>> trials, Context context);

  /**
   * @param store the result folder
   * @param plugins the installed plugins (e.g. to rebuild a saved predictor for a figure)
   * @param plots false when the user asked for no plots
   */
  record Context(ResultStore store, PluginRegistry plugins, boolean plots) {}

  /**
   * @param markdown the table (also written to {@code table.md} by the runner)
   * @param files the other files written (plots)
   */
  record Report(String markdown, List<Path> files) {}
}
