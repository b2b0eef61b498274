package org.taskmet.core.mtl;

import java.util.random.RandomGenerator;

/**
 * Turns a minibatch into one update direction for a {@link MultiTaskNetwork}: per-task gradients, an
 * aggregation on the shared parameters, and head gradients. Implementations: {@link AggregatedStep}
 * (plain) and {@link org.taskmet.core.mtl.flat.FlatRegionStep} (FS-MTL). Stateful through the aggregators.
 */
public interface MultiTaskStep {
  MultiTaskUpdate compute(double[] parameters, MultiTaskBatch batch, RandomGenerator rng);

  /** Clears aggregator state (DRO weights, warm starts). */
  void reset();
}
