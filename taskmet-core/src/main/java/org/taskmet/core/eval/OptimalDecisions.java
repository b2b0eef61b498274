package org.taskmet.core.eval;

import java.util.List;
import org.taskmet.api.Dataset;
import org.taskmet.api.Instance;
import org.taskmet.api.LinearDecisionProblem;

/**
 * The true rewards, optimal decisions and optimal objectives of every instance of a data set under a linear
 * decision problem, solved once (batched over the cores), as PyEPO's {@code optDataset} does for its (x, c, w*,
 * z*) tuples. Rows are stacked: instance i owns entries [i·d, (i+1)·d) of {@link #rewards()} and
 * {@link #decisions()}.
 */
public final class OptimalDecisions {
  private final List<Instance> instances;
  private final int dimension;
  private final double[] rewards;
  private final double[] decisions;
  private final double[] values;

  /**
   * @param threads the most threads the solves may use
   * @throws IllegalArgumentException when the set is empty or its instances differ in size
   */
  public OptimalDecisions(LinearDecisionProblem problem, Dataset data, int threads) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("optimal decisions of '" + data.name() + "': the data set is empty");
    }
    this.instances = data.instances();
    this.dimension = problem.oracle().dimension(instances.get(0));
    int n = instances.size();
    this.rewards = new double[n * dimension];
    double[] row = new double[dimension];
    for (int i = 0; i < n; i++) {
      Instance in = instances.get(i);
      if (problem.oracle().dimension(in) != dimension || in.targets().data().length != dimension) {
        throw new IllegalArgumentException("'" + data.name() + "': instance " + i + " has "
            + in.targets().data().length + " targets and oracle dimension " + problem.oracle().dimension(in)
            + "; instance 0 has " + dimension + " (every instance must have the same size)");
      }
      problem.rewards(in.targets(), row);
      System.arraycopy(row, 0, rewards, i * dimension, dimension);
    }
    this.decisions = new double[n * dimension];
    OracleBatches.argmaxAll(problem.oracle(), rewards, instances, decisions, threads);
    this.values = rowDots(rewards, decisions);
  }

  public int size() {
    return instances.size();
  }

  /** d, the length of every instance's decision. */
  public int dimension() {
    return dimension;
  }

  public List<Instance> instances() {
    return instances;
  }

  /** The stacked true rewards c = sign · targets (not copied; do not modify). */
  public double[] rewards() {
    return rewards;
  }

  /** The stacked optimal decisions z*(c) (not copied; do not modify). */
  public double[] decisions() {
    return decisions;
  }

  /** cᵢᵀz*(cᵢ), the optimal objective of every instance in reward form (not copied; do not modify). */
  public double[] values() {
    return values;
  }

  /** cᵢᵀzᵢ for the stacked decisions z. */
  public double[] achieved(double[] stackedDecisions) {
    return rowDots(rewards, stackedDecisions);
  }

  private double[] rowDots(double[] a, double[] b) {
    int n = a.length / dimension;
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int k = 0; k < dimension; k++) {
        s += a[i * dimension + k] * b[i * dimension + k];
      }
      out[i] = s;
    }
    return out;
  }
}
