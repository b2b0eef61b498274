package org.taskmet.solvers.lp;

import org.taskmet.api.Instance;
import org.taskmet.api.LinearOracle;
import org.taskmet.api.Matrix;

/**
 * Hard argmax over an explicit finite set: the rows of the instance aux matrix {@value #CANDIDATES_AUX_KEY}
 * (K candidates × n) are the feasible decisions; the oracle returns the row with the largest cᵀz (ties: the
 * first such row). Cost O(K·n) per call. Use it for small combinatorial sets and as a brute-force reference
 * for other oracles.
 */
public final class FiniteSetOracle implements LinearOracle {
  /** Aux key of the candidate decisions, K × n. */
  public static final String CANDIDATES_AUX_KEY = "lp-candidates";

  @Override
  public String name() {
    return "finite-set";
  }

  @Override
  public int dimension(Instance instance) {
    return instance.aux(CANDIDATES_AUX_KEY).cols();
  }

  @Override
  public void argmax(double[] c, Instance instance, double[] out) {
    Matrix cand = instance.aux(CANDIDATES_AUX_KEY);
    int n = cand.cols();
    if (cand.rows() == 0) {
      throw new IllegalArgumentException("finite-set oracle: aux '" + CANDIDATES_AUX_KEY + "' has no candidate rows");
    }
    double[] d = cand.data();
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < cand.rows(); r++) {
      double v = 0.0;
      for (int j = 0; j < n; j++) {
        v += c[j] * d[r * n + j];
      }
      if (v > bestValue) {
        bestValue = v;
        best = r;
      }
    }
    System.arraycopy(d, best * n, out, 0, n);
  }
}
