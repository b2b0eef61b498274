package org.taskmet.core.mtl.aggregate;

import java.util.random.RandomGenerator;
import org.taskmet.api.Aggregation;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.Kernels;

/**
 * PCGrad (Yu et al. 2020): for each task i, ĝ_i starts at g_i and, for j over a random permutation of
 * all tasks (drawn per task i, as in the paper), loses its component along the <em>original</em> g_j
 * whenever ĝ_i·g_j &lt; 0. Scale: d = Σ_i ĝ_i (reduction "sum"). Reported weights are all 1: the heads
 * get their unweighted gradients.
 */
public final class PcGrad implements GradientAggregator {
  public static final String NAME = "pcgrad";
  private static final DenseKernels KERNELS = Kernels.get();

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Aggregation aggregate(Matrix taskGradients, double[] taskLosses, RandomGenerator rng) {
    GradientGeometry.validate(NAME, taskGradients, taskLosses);
    int k = taskGradients.rows();
    int p = taskGradients.cols();
    double[] g = taskGradients.data();
    double[] squaredNorms = new double[k];
    for (int j = 0; j < k; j++) {
      squaredNorms[j] = KERNELS.dot(g, j * p, g, j * p, p);
    }
    double[] d = new double[p];
    double[] projected = new double[p];
    int[] order = new int[k];
    for (int i = 0; i < k; i++) {
      System.arraycopy(g, i * p, projected, 0, p);
      shuffle(order, rng);
      for (int j : order) {
        if (j == i || squaredNorms[j] == 0) {
          continue;
        }
        double overlap = KERNELS.dot(projected, 0, g, j * p, p);
        if (overlap < 0) {
          KERNELS.axpy(-overlap / squaredNorms[j], g, j * p, projected, 0, p);
        }
      }
      KERNELS.axpy(1.0, projected, 0, d, 0, p);
    }
    return new Aggregation(d, GradientGeometry.ones(k));
  }

  private static void shuffle(int[] order, RandomGenerator rng) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  @Override
  public void reset() {}
}
