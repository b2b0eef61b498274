package org.taskmet.core.metric;

import java.util.List;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;

/**
 * Λ_φ(x_r) for every row of a fixed list of instances, evaluated once for a fixed φ. TaskMet's inner loop
 * draws a fresh minibatch of instances at every step while φ stays fixed, so one metric pass over the
 * training set per outer step replaces one per inner step (for the budget task the metric network is as
 * large as the model). Use with {@link #batch} and {@link MahalanobisLoss#atFixedMetric}.
 *
 * <p>It needs the metric's full output: {@link MetricParameterization#forward} returns every row's n × n block
 * (rows × n²), which is the contract of every metric plugin.
 */
public final class MetricCache {
  private final List<Instance> instances;
  private final int n;
  private final int[] firstRow;
  private final double[] lambda;

  private MetricCache(List<Instance> instances, int n, int[] firstRow, double[] lambda) {
    this.instances = instances;
    this.n = n;
    this.firstRow = firstRow;
    this.lambda = lambda;
  }

  /** Evaluates the metric at φ on all rows of {@code instances} (one batched pass). */
  public static MetricCache compute(MetricParameterization metric, double[] phi, List<Instance> instances) {
    InstanceBatch all = InstanceBatch.of(instances);
    Matrix rows = metric.forward(phi, all.features()).output();
    if (!rows.isFinite()) {
      throw new IllegalStateException("metric " + metric + " produced a non-finite Λ at the current φ");
    }
    int[] first = new int[instances.size() + 1];
    for (int i = 0; i < instances.size(); i++) {
      first[i + 1] = first[i] + instances.get(i).items();
    }
    return new MetricCache(List.copyOf(instances), metric.outputSize(), first, rows.data());
  }

  /** The instances this cache covers, in order. */
  public List<Instance> instances() {
    return instances;
  }

  /** The chosen instances (indices into {@link #instances()}) as a loss batch. */
  public InstanceBatch batch(int[] indices) {
    Instance[] chosen = new Instance[indices.length];
    for (int i = 0; i < indices.length; i++) {
      chosen[i] = instances.get(checkIndex(indices[i]));
    }
    return InstanceBatch.of(List.of(chosen));
  }

  /** The Λ rows of the chosen instances, stacked in the order of {@code indices} (rows × n²). */
  public Matrix lambdaRows(int[] indices) {
    int nn = n * n;
    int rows = 0;
    for (int idx : indices) {
      checkIndex(idx);
      rows += firstRow[idx + 1] - firstRow[idx];
    }
    double[] out = new double[rows * nn];
    int r = 0;
    for (int idx : indices) {
      int k = firstRow[idx + 1] - firstRow[idx];
      System.arraycopy(lambda, firstRow[idx] * nn, out, r * nn, k * nn);
      r += k;
    }
    return new Matrix(rows, nn, out);
  }

  private int checkIndex(int idx) {
    if (idx < 0 || idx >= instances.size()) {
      throw new IllegalArgumentException("instance index " + idx + " out of range [0, " + instances.size() + ")");
    }
    return idx;
  }
}
