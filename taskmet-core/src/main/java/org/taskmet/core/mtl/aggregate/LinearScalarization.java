package org.taskmet.core.mtl.aggregate;

import java.util.List;
import java.util.random.RandomGenerator;
import org.taskmet.api.Aggregation;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;

/**
 * Linear scalarization: d = Σ_k w_k g_k with fixed weights. With the default weights (all 1) this is the
 * gradient of the <em>sum</em> of task losses (ERM / "equal weighting" on the sum scale; the mean is this
 * divided by K).
 */
public final class LinearScalarization implements GradientAggregator {
  public static final String NAME = "ls";
  private final List<Double> weights;

  /** @param weights one weight per task, or empty for all ones */
  public LinearScalarization(List<Double> weights) {
    this.weights = List.copyOf(weights);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Aggregation aggregate(Matrix taskGradients, double[] taskLosses, RandomGenerator rng) {
    GradientGeometry.validate(NAME, taskGradients, taskLosses);
    int k = taskGradients.rows();
    double[] w;
    if (weights.isEmpty()) {
      w = GradientGeometry.ones(k);
    } else {
      if (weights.size() != k) {
        throw new IllegalArgumentException(NAME + ": configured with " + weights.size() + " weights but got "
            + k + " tasks");
      }
      w = weights.stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new Aggregation(GradientGeometry.combine(taskGradients, w), w);
  }

  @Override
  public void reset() {}
}
