package org.taskmet.api;

import java.util.random.RandomGenerator;

/**
 * Combines K per-task gradients on the shared parameters into one update direction (multi-task
 * learning): linear scalarization, group DRO, Lookahead-DRO, MGDA, PCGrad, CAGrad, IMTL-G, Nash-MTL.
 *
 * <p>Aggregators may keep state across steps (DRO weights, warm starts); {@link #reset()} clears it.
 * The direction is a <em>descent</em> direction to be fed to an optimizer as the gradient, on the
 * scale of the <em>sum</em> of task losses unless the implementation documents otherwise.
 */
public interface GradientAggregator {
  /** Stable plugin name, e.g. {@code "mgda"}. */
  String name();

  /**
   * @param taskGradients K × P, row k = ∇_shared ℓ_k
   * @param taskLosses the K minibatch losses ℓ_k (used by loss-based weightings)
   * @param rng the only randomness the aggregator may use (PCGrad's permutations)
   */
  Aggregation aggregate(Matrix taskGradients, double[] taskLosses, RandomGenerator rng);

  /** Forgets all state carried between steps. */
  void reset();
}
