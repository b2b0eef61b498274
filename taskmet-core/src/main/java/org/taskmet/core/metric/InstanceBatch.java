package org.taskmet.core.metric;

import java.util.List;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;

/**
 * A batch of instances stacked into one matrix of rows, with the row weights of TaskMet's loss
 * (reference §1.3: mean over an instance's rows, then mean over instances): w_r = 1/(B·rows_i) for a row
 * of instance i in a batch of B instances. Stacking once lets every product run one batched pass.
 *
 * @param features all rows' features (Σ rows_i × F)
 * @param targets all rows' targets (Σ rows_i × n)
 * @param rowWeights w_r, summing to 1
 * @param instances B
 */
public record InstanceBatch(Matrix features, Matrix targets, double[] rowWeights, int instances) {
  public InstanceBatch {
    if (features.rows() != targets.rows() || rowWeights.length != features.rows()) {
      throw new IllegalArgumentException("batch has " + features.rows() + " feature rows, " + targets.rows()
          + " target rows and " + rowWeights.length + " row weights; they must agree");
    }
  }

  /** Stacks {@code batch}; every instance must have the same feature and target widths and ≥ 1 row. */
  public static InstanceBatch of(List<Instance> batch) {
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("a loss batch needs at least one instance");
    }
    int f = batch.get(0).features().cols();
    int n = batch.get(0).targets().cols();
    int rows = 0;
    for (int i = 0; i < batch.size(); i++) {
      Instance inst = batch.get(i);
      if (inst.features().cols() != f || inst.targets().cols() != n) {
        throw new IllegalArgumentException("instance " + i + " has features " + inst.features().shape()
            + " and targets " + inst.targets().shape() + "; instance 0 has " + f + " feature and " + n
            + " target columns");
      }
      if (inst.items() == 0) {
        throw new IllegalArgumentException("instance " + i + " has no rows");
      }
      rows += inst.items();
    }
    double[] x = new double[rows * f];
    double[] y = new double[rows * n];
    double[] w = new double[rows];
    int r = 0;
    for (Instance inst : batch) {
      int k = inst.items();
      System.arraycopy(inst.features().data(), 0, x, r * f, k * f);
      System.arraycopy(inst.targets().data(), 0, y, r * n, k * n);
      java.util.Arrays.fill(w, r, r + k, 1.0 / ((double) batch.size() * k));
      r += k;
    }
    return new InstanceBatch(new Matrix(rows, f, x), new Matrix(rows, n, y), w, batch.size());
  }

  public int rows() {
    return features.rows();
  }
}
