package org.taskmet.bench.run;

import java.util.Map;
import java.util.Optional;

/**
 * The TaskMet paper's decision-focused table (normalized test decision quality, mean ± std), from the
 * official NeurIPS 2023 poster (see shared/reference/taskmet.md §3.2). These are targets printed beside
 * the measured values, never in place of them.
 */
public final class PublishedResults {
  /** A published cell. */
  public record Cell(double mean, double std) {}

  private static final Map<String, Map<String, Cell>> TABLE = Map.of(
      "cubic", Map.of("MSE", new Cell(-0.96, 0.02), "DFL α=0", new Cell(0.61, 0.74), "DFL α=10", new Cell(0.62, 0.74),
          "LODL α=0", new Cell(0.96, 0.005), "LODL α=10", new Cell(-0.95, 0.005), "TaskMet", new Cell(0.96, 0.005)),
      "budget", Map.of("MSE", new Cell(0.54, 0.17), "DFL α=0", new Cell(0.91, 0.06), "DFL α=10", new Cell(0.81, 0.11),
          "LODL α=0", new Cell(0.84, 0.105), "LODL α=10", new Cell(0.58, 0.14), "TaskMet", new Cell(0.83, 0.12)),
      "portfolio", Map.of("MSE", new Cell(0.33, 0.03), "DFL α=0", new Cell(0.25, 0.02), "DFL α=10",
          new Cell(0.34, 0.03), "LODL α=0", new Cell(0.17, 0.05), "LODL α=10", new Cell(0.30, 0.03), "TaskMet",
          new Cell(0.33, 0.03)));

  private PublishedResults() {}

  public static Optional<Cell> lookup(String task, String row) {
    return Optional.ofNullable(TABLE.getOrDefault(task, Map.of()).get(row));
  }
}
