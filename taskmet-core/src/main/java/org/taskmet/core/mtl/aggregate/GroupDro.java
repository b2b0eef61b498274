package org.taskmet.core.mtl.aggregate;

import java.util.random.RandomGenerator;
import org.taskmet.api.Aggregation;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;

/**
 * Online group DRO (Sagawa et al. 2020, Alg. 1, in the LibMTL form): exponentiated-gradient ascent on
 * the task weights, q_k ← q_k·exp(η_q ℓ_k), renormalised to Σq = K, then d = Σ_k q_k g_k with the
 * <em>updated</em> q. Scale: the sum of task losses (q = 1 is ERM). Stateful: q starts uniform and
 * persists across steps until {@link #reset()}. Kept in log space so long runs cannot overflow.
 */
public final class GroupDro implements GradientAggregator {
  public static final String NAME = "group-dro";
  private final double robustStepSize;
  private double[] logWeights;

  /** @param robustStepSize η_q &gt; 0 */
  public GroupDro(double robustStepSize) {
    this.robustStepSize = robustStepSize;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Aggregation aggregate(Matrix taskGradients, double[] taskLosses, RandomGenerator rng) {
    GradientGeometry.validate(NAME, taskGradients, taskLosses);
    int k = taskGradients.rows();
    if (logWeights == null || logWeights.length != k) {
      logWeights = new double[k];
    }
    for (int i = 0; i < k; i++) {
      logWeights[i] += robustStepSize * taskLosses[i];
    }
    double[] q = scaledSoftmax(logWeights, k);
    return new Aggregation(GradientGeometry.combine(taskGradients, q), q);
  }

  /** total·softmax(logits): weights proportional to exp(logits) summing to {@code total}. */
  static double[] scaledSoftmax(double[] logits, double total) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : logits) {
      max = Math.max(max, v);
    }
    double[] q = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < q.length; i++) {
      q[i] = Math.exp(logits[i] - max);
      sum += q[i];
    }
    for (int i = 0; i < q.length; i++) {
      q[i] *= total / sum;
    }
    return q;
  }

  @Override
  public void reset() {
    logWeights = null;
  }
}
