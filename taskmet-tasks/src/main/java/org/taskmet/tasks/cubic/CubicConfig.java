package org.taskmet.tasks.cubic;

import static org.taskmet.core.method.ConfigChecks.MAX_SOLVER_ITERATIONS;
import static org.taskmet.core.method.ConfigChecks.atLeast;
import static org.taskmet.core.method.ConfigChecks.above;
import static org.taskmet.core.method.ConfigChecks.between;
import static org.taskmet.core.method.ConfigChecks.dataSize;

/**
 * Settings of the cubic top-k task (LODL's "linear model" toy, taskmet.md §2.2). Defaults are the reference.
 *
 * @param items items per instance (50)
 * @param k how many items the decision picks (1)
 * @param trainInstances training instances (200)
 * @param validationInstances validation instances (200; generated first, as in the reference)
 * @param testInstances test instances (400)
 * @param softTopkEpsilon entropic regularization of the training-time soft top-k (0.01)
 * @param softTopkIterations Sinkhorn iterations of the soft top-k (200)
 */
public record CubicConfig(
    int items, int k, int trainInstances, int validationInstances, int testInstances,
    double softTopkEpsilon, int softTopkIterations) {

  /** At most this many items per instance. */
  public static final int MAX_ITEMS = 1_000_000;
  /** Numbers generated per item of an instance: its feature and its target. */
  private static final int VALUES_PER_ITEM = 2;

  /** The reference settings. */
  public static CubicConfig defaults() {
    return new CubicConfig(50, 1, 200, 200, 400, 0.01, 200);
  }

  /** Throws naming the field when a value is out of range. */
  public CubicConfig validate() {
    String p = CubicTopKTask.NAME;
    between(p, "items", items, 2, MAX_ITEMS, "the soft top-k works on dense vectors of all items");
    atLeast(p, "k", k, 1);
    if (k >= items) {
      throw new IllegalArgumentException(p + ": config field 'k' = " + k + " is out of range; expected 1 <= k < items ("
          + items + ")");
    }
    atLeast(p, "trainInstances", trainInstances, 1);
    atLeast(p, "validationInstances", validationInstances, 1);
    atLeast(p, "testInstances", testInstances, 1);
    dataSize(p, "(trainInstances + validationInstances + testInstances) x items x 2 (feature, target)",
        (long) trainInstances + validationInstances + testInstances, items, VALUES_PER_ITEM);
    above(p, "softTopkEpsilon", softTopkEpsilon, 0);
    between(p, "softTopkIterations", softTopkIterations, 1, MAX_SOLVER_ITERATIONS, "Sinkhorn iterations per decision");
    return this;
  }
}
