package org.taskmet.core.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot of an {@link Optimizer}'s state: plain data, so it can be kept in memory for a warm start or
 * written to a checkpoint (e.g. with Jackson).
 *
 * @param optimizer name of the optimizer that made it
 * @param steps updates taken so far
 * @param buffers its per-parameter buffers (Adam: first and second moments; SGD: momentum), deep-copied
 */
public record OptimizerState(String optimizer, long steps, List<double[]> buffers) {
  public OptimizerState {
    List<double[]> copy = new ArrayList<>(buffers.size());
    for (double[] b : buffers) {
      copy.add(b.clone());
    }
    buffers = List.copyOf(copy);
  }

  /** A copy of buffer {@code i}. */
  public double[] buffer(int i) {
    return buffers.get(i).clone();
  }

  void checkCompatible(String name, int size, int bufferCount) {
    if (!optimizer.equals(name) || buffers.size() != bufferCount
        || buffers.stream().anyMatch(b -> b.length != size)) {
      throw new IllegalArgumentException("cannot restore a '" + optimizer + "' state with " + buffers.size()
          + " buffers into a '" + name + "' optimizer of size " + size);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("optimizer state has negative steps: " + steps);
    }
  }
}
