package org.taskmet.core.mtl.aggregate;

import java.util.random.RandomGenerator;
import org.taskmet.api.Aggregation;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;

/**
 * MGDA (Sener &amp; Koltun 2018), the min-norm point of the convex hull of the task gradients:
 * w* = argmin_{w∈Δ_K} ‖Σ w_k g_k‖². Two tasks use the exact closed form (γ clipped to the exact
 * values 0 and 1, not the 0.001/0.999 constants of the official code); K &gt; 2 solve the simplex QP
 * min ½wᵀMw by accelerated projected gradient to {@code tolerance}.
 *
 * <p>Scale: d = K·Σ w*_k g_k and the reported weights are K·w* (the nash-mtl convention, so that
 * identical gradients give the same d as the sum of losses).
 */
public final class Mgda implements GradientAggregator {
  public static final String NAME = "mgda";
  private final int maxIterations;
  private final double tolerance;

  public Mgda(int maxIterations, double tolerance) {
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Aggregation aggregate(Matrix taskGradients, double[] taskLosses, RandomGenerator rng) {
    GradientGeometry.validate(NAME, taskGradients, taskLosses);
    int k = taskGradients.rows();
    double[] w = minNormWeights(GradientGeometry.gram(taskGradients), k, maxIterations, tolerance);
    for (int i = 0; i < k; i++) {
      w[i] *= k;
    }
    return new Aggregation(GradientGeometry.combine(taskGradients, w), w);
  }

  /** argmin_{w∈Δ_K} wᵀMw for the K×K Gram matrix M (weights summing to 1). */
  public static double[] minNormWeights(double[] gram, int k, int maxIterations, double tolerance) {
    if (k == 1) {
      return new double[] {1.0};
    }
    if (k == 2) {
      double v11 = gram[0];
      double v12 = gram[1];
      double v22 = gram[3];
      double gamma;
      if (v12 >= v11) {
        gamma = 1.0;
      } else if (v12 >= v22) {
        gamma = 0.0;
      } else {
        gamma = (v22 - v12) / (v11 + v22 - 2 * v12);
      }
      return new double[] {gamma, 1 - gamma};
    }
    double[] start = new double[k];
    java.util.Arrays.fill(start, 1.0 / k);
    return SimplexQp.minimizeQuadratic(gram, new double[k], start, maxIterations, tolerance);
  }

  @Override
  public void reset() {}
}
