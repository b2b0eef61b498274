package org.taskmet.solvers.lp;

import org.taskmet.api.Instance;
import org.taskmet.api.LinearOracle;

/**
 * The simplest oracle: 𝒵 = the n unit vectors, so argmax cᵀz = e_{argmax_i c_i} (pick the single best item;
 * ties go to the lowest index). n is the instance's number of items.
 */
public final class ArgmaxOracle implements LinearOracle {
  @Override
  public String name() {
    return "argmax";
  }

  @Override
  public int dimension(Instance instance) {
    return instance.items();
  }

  @Override
  public void argmax(double[] c, Instance instance, double[] out) {
    int best = 0;
    for (int i = 1; i < c.length; i++) {
      if (c[i] > c[best]) {
        best = i;
      }
    }
    java.util.Arrays.fill(out, 0.0);
    out[best] = 1.0;
  }
}
