package org.taskmet.core.mtl;

import java.util.random.RandomGenerator;
import org.taskmet.api.Aggregation;
import org.taskmet.api.GradientAggregator;

/** The plain multi-task step: per-task gradients at θ, the aggregator on the shared part, heads per {@link HeadGradients}. */
public final class AggregatedStep implements MultiTaskStep {
  private final MultiTaskNetwork network;
  private final GradientAggregator aggregator;
  private final HeadGradients heads;

  public AggregatedStep(MultiTaskNetwork network, GradientAggregator aggregator, HeadGradients heads) {
    this.network = network;
    this.aggregator = aggregator;
    this.heads = heads;
  }

  @Override
  public MultiTaskUpdate compute(double[] parameters, MultiTaskBatch batch, RandomGenerator rng) {
    TaskGradients g = network.taskGradients(parameters, batch);
    Aggregation a = aggregator.aggregate(g.shared(), g.losses(), rng);
    double[] full = new double[network.parameterCount()];
    System.arraycopy(a.direction(), 0, full, 0, network.sharedParameterCount());
    for (int k = 0; k < network.taskCount(); k++) {
      double w = heads == HeadGradients.WEIGHTED ? a.taskWeights()[k] : 1.0;
      int offset = network.headOffset(k);
      for (int i = 0; i < g.heads()[k].length; i++) {
        full[offset + i] = w * g.heads()[k][i];
      }
    }
    return new MultiTaskUpdate(full, a.taskWeights(), g.losses());
  }

  @Override
  public void reset() {
    aggregator.reset();
  }
}
