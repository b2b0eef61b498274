package org.taskmet.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.taskmet.bench.sweep.Sweep;
import org.taskmet.bench.sweep.SweepRunner;

/** How the sweep commands show a finished run: the report, the files, and the failed trials. */
public final class SweepOutput {
  private SweepOutput() {}

  /**
   * Prints the report and its files; returns the command's exit code: 0, or 1 when a trial failed.
   */
  public static int print(PrintWriter w, Sweep sweep, SweepRunner.Outcome outcome, Path dir) {
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
    for (Map.Entry<String, String> f : outcome.failures().entrySet()) {
      w.println("  " + f.getKey() + ": " + f.getValue());
    }
    return 1;
  }
}
