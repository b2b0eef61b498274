package org.taskmet.solvers.combinatorial;

import java.util.Arrays;
import org.taskmet.api.Instance;
import org.taskmet.api.LexicographicOracle;

/**
 * The multi-dimensional 0/1 knapsack: maximize Σ_i c_i z_i subject to Σ_i W[d][i] z_i ≤ C[d] for every resource
 * d, z ∈ {0,1}^m, solved exactly by depth-first branch and bound. The weights and capacities are fixed (PyEPO
 * draws them once per data set); the item values c come with each call.
 *
 * <p><b>Tie-break</b> (documented because integer values make equal-value optima common, and the choice moves
 * regret): (1) an item whose value is ≤ 0 is never packed; (2) among the maximum-value packings of the other
 * items, the one whose 0/1 vector is lexicographically greatest in item order — where two optima differ, the
 * one that packs the lower-numbered item wins. Values are summed in item order, so the same c always gives
 * the same z.
 *
 * <p>A packing is feasible when, packing its items in index order, each item fits into what the previous ones
 * left ({@link #fits}, with a 1e-9 relative tolerance).
 *
 * <p>Search: items in index order, "pack" explored before "skip", an incumbent replaced only by a strictly
 * better packing (hence the tie-break); a subtree is cut when its upper bound — the smallest over resources
 * of that resource's fractional-knapsack bound on the remaining items — cannot beat the incumbent.
 *
 * <p>Thread-safe; each thread reuses its own work arrays, so a call allocates nothing.
 */
public final class MultiKnapsackOracle implements LexicographicOracle {
  /** Relative slack of the capacity constraints; see {@link #fits}. */
  public static final double FEASIBILITY_TOLERANCE = 1e-9;

  private final double[][] weights;
  private final double[] capacities;
  private final int items;
  private final int dims;
  private final ThreadLocal<Search> searches;

  /**
   * @param weights W, resources × items, finite and ≥ 0
   * @param capacities C, one per resource, finite and ≥ 0
   */
  public MultiKnapsackOracle(double[][] weights, double[] capacities) {
    if (weights.length == 0 || weights.length != capacities.length) {
      throw new IllegalArgumentException("knapsack: " + weights.length + " weight rows and " + capacities.length
          + " capacities; expected one capacity per resource and at least one resource");
    }
    this.dims = weights.length;
    this.items = weights[0].length;
    if (items < 1 || items > 62) {
      throw new IllegalArgumentException("knapsack: " + items + " items; expected 1 to 62");
    }
    this.weights = new double[dims][];
    for (int d = 0; d < dims; d++) {
      if (weights[d].length != items) {
        throw new IllegalArgumentException("knapsack: weight row " + d + " has " + weights[d].length
            + " items, row 0 has " + items);
      }
      for (int i = 0; i < items; i++) {
        if (!(weights[d][i] >= 0) || !Double.isFinite(weights[d][i])) {
          throw new IllegalArgumentException("knapsack: weight[" + d + "][" + i + "] = " + weights[d][i]
              + "; expected a finite value >= 0");
        }
      }
      if (!(capacities[d] >= 0) || !Double.isFinite(capacities[d])) {
        throw new IllegalArgumentException("knapsack: capacity[" + d + "] = " + capacities[d]
            + "; expected a finite value >= 0");
      }
      this.weights[d] = weights[d].clone();
    }
    this.capacities = capacities.clone();
    this.searches = ThreadLocal.withInitial(Search::new);
  }

  public int items() {
    return items;
  }

  public int resources() {
    return dims;
  }

  /** A copy of W[d]. */
  public double[] weights(int d) {
    return weights[d].clone();
  }

  public double capacity(int d) {
    return capacities[d];
  }

  @Override
  public String name() {
    return "knapsack";
  }

  @Override
  public int dimension(Instance instance) {
    return items;
  }

  @Override
  public void argmax(double[] c, Instance instance, double[] out) {
    check("values", c, false);
    searches.get().run(c, null, out);
  }

  @Override
  public void argmaxLexicographic(double[] primary, double[] secondary, Instance instance, double[] out) {
    check("primary values", primary, true);
    check("secondary values", secondary, false);
    searches.get().run(primary, secondary, out);
  }

  /**
   * Whether item i fits into the capacities {@code left}: W[d][i] ≤ left[d] + 1e-9·max(1, C[d]) for every
   * resource. The tolerance absorbs the rounding of decimal weights (3.07 + 6.93 + 10.0 must fit into 20);
   * it is far below Gurobi's default feasibility tolerance of 1e-6, which PyEPO's models use.
   */
  public boolean fits(int i, double[] left) {
    for (int d = 0; d < dims; d++) {
      if (weights[d][i] > left[d] + FEASIBILITY_TOLERANCE * Math.max(1, capacities[d])) {
        return false;
      }
    }
    return true;
  }

  private void check(String what, double[] c, boolean integers) {
    if (c.length != items) {
      throw new IllegalArgumentException(name() + ": " + what + " have length " + c.length + ", expected " + items);
    }
    for (int i = 0; i < items; i++) {
      if (!Double.isFinite(c[i]) || (integers && c[i] != Math.rint(c[i]))) {
        throw new IllegalArgumentException(name() + ": " + what + "[" + i + "] = " + c[i] + "; expected a finite "
            + (integers ? "integer" : "number"));
      }
    }
  }

  /** One thread's branch-and-bound state, reused across calls. */
  private final class Search {
    /** The items that may be packed, in index order (the branching order). */
    final int[] candidates = new int[items];
    /** Per resource, the candidates with a positive value by decreasing value/weight (the bound's order). */
    final int[][] byRatio = new int[dims][items];
    final int[] byRatioCount = new int[dims];
    /** Position of an item in {@link #candidates}, −1 when it is not a candidate. */
    final int[] position = new int[items];
    final double[] ratio = new double[items];
    final int[] sortBuffer = new int[items];
    /** remaining[depth][d]: the capacity of resource d left after the decisions above depth. */
    final double[][] remaining = new double[items + 1][dims];
    final boolean[] packed = new boolean[items];
    final boolean[] bestPacked = new boolean[items];
    int count;
    double[] primary;
    double[] secondary;
    double bestPrimary;
    double bestSecondary;

    void run(double[] p, double[] s, double[] out) {
      if (out.length != items) {
        throw new IllegalArgumentException(name() + ": output has length " + out.length + ", expected " + items);
      }
      primary = p;
      secondary = s;
      count = 0;
      for (int i = 0; i < items; i++) {
        boolean helps = p[i] > 0 || (s != null && p[i] == 0 && s[i] > 0);
        position[i] = -1;
        if (helps && fitsAlone(i)) {
          position[i] = count;
          candidates[count++] = i;
        }
      }
      for (int d = 0; d < dims; d++) {
        sortByRatio(d);
      }
      System.arraycopy(capacities, 0, remaining[0], 0, dims);
      Arrays.fill(packed, false);
      Arrays.fill(bestPacked, false);
      bestPrimary = Double.NEGATIVE_INFINITY;
      bestSecondary = Double.NEGATIVE_INFINITY;
      search(0, 0.0, 0.0);
      for (int i = 0; i < items; i++) {
        out[i] = bestPacked[i] ? 1.0 : 0.0;
      }
    }

    private boolean fitsAlone(int i) {
      return fits(i, capacities);
    }

    /** Candidates with a positive primary value, ordered by value per unit of resource d (weightless first). */
    private void sortByRatio(int d) {
      int n = 0;
      for (int k = 0; k < count; k++) {
        int i = candidates[k];
        if (primary[i] > 0) {
          ratio[i] = weights[d][i] == 0 ? Double.POSITIVE_INFINITY : primary[i] / weights[d][i];
          sortBuffer[n++] = i;
        }
      }
      // insertion sort: at most 62 items, no allocation, stable (ties keep index order)
      for (int a = 1; a < n; a++) {
        int item = sortBuffer[a];
        int b = a - 1;
        while (b >= 0 && ratio[sortBuffer[b]] < ratio[item]) {
          sortBuffer[b + 1] = sortBuffer[b];
          b--;
        }
        sortBuffer[b + 1] = item;
      }
      for (int k = 0; k < n; k++) {
        byRatio[d][k] = sortBuffer[k];
      }
      byRatioCount[d] = n;
    }

    private void search(int depth, double p, double s) {
      if (depth == count) {
        if (p > bestPrimary || (p == bestPrimary && secondary != null && s > bestSecondary)) {
          bestPrimary = p;
          bestSecondary = s;
          System.arraycopy(packed, 0, bestPacked, 0, items);
        }
        return;
      }
      double[] left = remaining[depth];
      double bound = p + remainingBound(depth, left);
      if (secondary == null) {
        // values are real: cut only what is clearly no better, so rounding never loses a better packing
        if (bound + 1e-9 * (1 + Math.abs(bound)) <= bestPrimary) {
          return;
        }
      } else if (bound + 0.5 < bestPrimary) {
        // integer primary values: a subtree whose bound is below the incumbent by more than rounding holds no tie
        return;
      }
      int i = candidates[depth];
      double[] next = remaining[depth + 1];
      if (fits(i, left)) {
        for (int d = 0; d < dims; d++) {
          next[d] = left[d] - weights[d][i];
        }
        packed[i] = true;
        search(depth + 1, p + primary[i], secondary == null ? s : s + secondary[i]);
        packed[i] = false;
      }
      System.arraycopy(left, 0, next, 0, dims);
      search(depth + 1, p, s);
    }

    /** The smallest over resources of the fractional-knapsack value of the undecided candidates. */
    private double remainingBound(int depth, double[] left) {
      double bound = Double.POSITIVE_INFINITY;
      for (int d = 0; d < dims; d++) {
        double cap = left[d];
        double v = 0;
        int[] order = byRatio[d];
        for (int k = 0; k < byRatioCount[d]; k++) {
          int i = order[k];
          if (position[i] < depth) {
            continue;
          }
          double w = weights[d][i];
          if (w <= cap) {
            cap -= w;
            v += primary[i];
          } else {
            v += primary[i] * (cap / w);
            break;
          }
        }
        bound = Math.min(bound, v);
      }
      return bound;
    }
  }
}
