package org.taskmet.bench.rl;

import java.util.Map;
import java.util.Optional;

/**
 * The TaskMet paper's CartPole figure: final episode return against the number of distractors, from the authors'
 * plot script (reference taskmet.md §4.4). The error values are the figure's error bars: TaskMet std/√10 over 10
 * seeds, the baselines' upper whisker minus the mean. Targets printed beside the measured values, never in place of
 * them.
 */
public final class PublishedReturns {
  /** One published point. */
  public record Point(double mean, double error) {}

  private static final int[] DISTRACTORS = {16, 32, 64, 128, 256, 512};
  private static final Map<String, double[][]> FIGURE = Map.of(
      "taskmet", new double[][] {{497, 463, 387, 378, 252, 310}, {2, 35, 48, 52, 66, 63}},
      "omd", new double[][] {{402, 422, 340, 220, 172, 80}, {55, 60, 49, 47, 37, 24}},
      "mle", new double[][] {{437, 250, 205, 38, 51, 37}, {51, 54, 55, 14, 9, 8}});

  private PublishedReturns() {}

  /** The published point of {@code method} at {@code distractors}, if the figure has one. */
  public static Optional<Point> lookup(String method, int distractors) {
    double[][] row = FIGURE.get(method);
    if (row == null) {
      return Optional.empty();
    }
    for (int i = 0; i < DISTRACTORS.length; i++) {
      if (DISTRACTORS[i] == distractors) {
        return Optional.of(new Point(row[0][i], row[1][i]));
      }
    }
    return Optional.empty();
  }
}
