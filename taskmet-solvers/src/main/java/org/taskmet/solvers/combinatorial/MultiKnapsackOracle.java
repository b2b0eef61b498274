package org.taskmet.solvers.combinatorial;

import java.util.Arrays;
import org.taskmet.api.Instance;
import org.taskmet.api.LexicographicOracle;
import org.taskmet.api.Matrix;

/**
 * The multi-dimensional 0/1 knapsack: maximize Σ_i c_i z_i subject to Σ_i W[d][i] z_i ≤ C[d] for every resource
 * d, z ∈ {0,1}^m, solved exactly by depth-first branch and bound. The weights W (resources × items) and the
 * capacities C (1 × resources) are the instance's aux matrices {@value #WEIGHTS_AUX_KEY} and
 * {@value #CAPACITIES_AUX_KEY} (PyEPO draws the weights with the data); the item values c come with each call.
 *
 * <p><b>Tie-break</b> (documented because integer values make equal-value optima common, and the choice moves
 * regret): (1) an item whose value is ≤ 0 is never packed; (2) among the maximum-value packings of the other
 * items, the one whose 0/1 vector is lexicographically greatest in item order — where two optima differ, the
 * one that packs the lower-numbered item wins. Values are summed in item order, so the same c always gives
 * the same z.
 *
 * <p>A packing is feasible when, packing its items in index order, each item fits into what the earlier ones
 * left ({@link #fits}, with a 1e-9 relative tolerance).
 *
 * <p>Search: items in index order, "pack" explored before "skip", an incumbent replaced only by a strictly
 * better packing (hence the tie-break); a subtree is cut when its upper bound — the smallest over resources
 * of that resource's fractional-knapsack bound on the remaining items — cannot beat the incumbent.
 *
 * <p>Thread-safe; each thread reuses its own work arrays, so a call allocates nothing.
 */
public final class MultiKnapsackOracle implements LexicographicOracle {
  /** Aux key of the weights W, resources × items. */
  public static final String WEIGHTS_AUX_KEY = "knapsack-weights";
  /** Aux key of the capacities C, 1 × resources. */
  public static final String CAPACITIES_AUX_KEY = "knapsack-capacities";
  /** Relative slack of the capacity constraints; see {@link #fits}. */
  public static final double FEASIBILITY_TOLERANCE = 1e-9;
  /** The most items the search handles (its decisions are kept in fixed arrays; 2⁶² packings is far beyond reach). */
  public static final int MAX_ITEMS = 62;

  private final ThreadLocal<Search> searches = ThreadLocal.withInitial(Search::new);

  /**
   * The aux matrices of a knapsack with these weights (resources × items) and capacities, checked: every
   * weight and capacity finite and ≥ 0, one capacity per resource, 1 to {@value #MAX_ITEMS} items.
   */
  public static java.util.Map<String, Matrix> aux(double[][] weights, double[] capacities) {
    Matrix w = Matrix.of(weights);
    Matrix c = Matrix.of(new double[][] {capacities});
    check(w, c);
    return java.util.Map.of(WEIGHTS_AUX_KEY, w, CAPACITIES_AUX_KEY, c);
  }

  @Override
  public String name() {
    return "knapsack";
  }

  @Override
  public int dimension(Instance instance) {
    return instance.aux(WEIGHTS_AUX_KEY).cols();
  }

  @Override
  public void argmax(double[] c, Instance instance, double[] out) {
    searches.get().run(instance, c, null, out);
  }

  @Override
  public void argmaxLexicographic(double[] primary, double[] secondary, Instance instance, double[] out) {
    searches.get().run(instance, primary, secondary, out);
  }

  /**
   * Whether item i fits into the capacities {@code left}: W[d][i] ≤ left[d] + 1e-9·max(1, C[d]) for every
   * resource. The tolerance absorbs the rounding of decimal weights (3.07 + 6.93 + 10.0 must fit into 20);
   * it is far below Gurobi's default feasibility tolerance of 1e-6, which PyEPO's models use.
   *
   * @param weights W row-major (resources × items)
   * @param capacities C
   */
  public static boolean fits(int i, double[] left, double[] weights, double[] capacities) {
    int items = weights.length / capacities.length;
    for (int d = 0; d < capacities.length; d++) {
      if (weights[d * items + i] > left[d] + FEASIBILITY_TOLERANCE * Math.max(1, capacities[d])) {
        return false;
      }
    }
    return true;
  }

  private static void check(Matrix w, Matrix c) {
    if (c.rows() != 1 || c.cols() != w.rows() || w.rows() < 1) {
      throw new IllegalArgumentException("knapsack: weights " + w.shape() + " and capacities " + c.shape()
          + "; expected resources x items weights and 1 x resources capacities, at least one resource");
    }
    if (w.cols() < 1 || w.cols() > MAX_ITEMS) {
      throw new IllegalArgumentException("knapsack: " + w.cols() + " items; expected 1 to " + MAX_ITEMS);
    }
    for (int d = 0; d < w.rows(); d++) {
      for (int i = 0; i < w.cols(); i++) {
        if (!(w.get(d, i) >= 0) || !Double.isFinite(w.get(d, i))) {
          throw new IllegalArgumentException("knapsack: weight[" + d + "][" + i + "] = " + w.get(d, i)
              + "; expected a finite value >= 0");
        }
      }
      if (!(c.get(0, d) >= 0) || !Double.isFinite(c.get(0, d))) {
        throw new IllegalArgumentException("knapsack: capacity[" + d + "] = " + c.get(0, d)
            + "; expected a finite value >= 0");
      }
    }
  }

  private void checkValues(String what, double[] c, int items, boolean integers) {
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

  /** One thread's branch-and-bound state, reused across calls (grown when a larger knapsack comes). */
  private final class Search {
    int items;
    int dims;
    double[] weights;
    double[] capacities;
    /** The items that may be packed, in index order (the branching order). */
    int[] candidates = new int[0];
    /** Per resource, the candidates with a positive value by decreasing value/weight (the bound's order). */
    int[][] byRatio = new int[0][];
    int[] byRatioCount = new int[0];
    /** Position of an item in {@code candidates}, −1 when it is not a candidate. */
    int[] position = new int[0];
    double[] ratio = new double[0];
    int[] sortBuffer = new int[0];
    /** remaining[depth][d]: the capacity of resource d left after the decisions above depth. */
    double[][] remaining = new double[0][];
    boolean[] packed = new boolean[0];
    boolean[] bestPacked = new boolean[0];
    int count;
    double[] primary;
    double[] secondary;
    double bestPrimary;
    double bestSecondary;

    void run(Instance instance, double[] p, double[] s, double[] out) {
      Matrix w = instance.aux(WEIGHTS_AUX_KEY);
      Matrix c = instance.aux(CAPACITIES_AUX_KEY);
      check(w, c);
      checkValues(s == null ? "values" : "primary values", p, w.cols(), s != null);
      if (s != null) {
        checkValues("secondary values", s, w.cols(), false);
      }
      if (out.length != w.cols()) {
        throw new IllegalArgumentException(name() + ": output has length " + out.length + ", expected " + w.cols());
      }
      resize(w.rows(), w.cols());
      weights = w.data();
      capacities = c.data();
      primary = p;
      secondary = s;
      count = 0;
      for (int i = 0; i < items; i++) {
        boolean helps = p[i] > 0 || (s != null && p[i] == 0 && s[i] > 0);
        position[i] = -1;
        if (helps && fits(i, capacities, weights, capacities)) {
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
      weights = null;
      capacities = null;
      primary = null;
      secondary = null;
    }

    private void resize(int resources, int m) {
      if (resources != dims || m != items) {
        dims = resources;
        items = m;
        candidates = new int[m];
        byRatio = new int[resources][m];
        byRatioCount = new int[resources];
        position = new int[m];
        ratio = new double[m];
        sortBuffer = new int[m];
        remaining = new double[m + 1][resources];
        packed = new boolean[m];
        bestPacked = new boolean[m];
      }
    }

    /** Candidates with a positive primary value, ordered by value per unit of resource d (weightless first). */
    private void sortByRatio(int d) {
      int n = 0;
      for (int k = 0; k < count; k++) {
        int i = candidates[k];
        if (primary[i] > 0) {
          double w = weights[d * items + i];
          ratio[i] = w == 0 ? Double.POSITIVE_INFINITY : primary[i] / w;
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
      System.arraycopy(sortBuffer, 0, byRatio[d], 0, n);
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
        // real values: cut only what is clearly no better, so rounding never loses a better packing
        if (bound + 1e-9 * (1 + Math.abs(bound)) <= bestPrimary) {
          return;
        }
      } else if (bound + 0.5 < bestPrimary) {
        // integer primary values: a subtree whose bound is below the incumbent by more than rounding holds no tie
        return;
      }
      int i = candidates[depth];
      double[] next = remaining[depth + 1];
      if (fits(i, left, weights, capacities)) {
        for (int d = 0; d < dims; d++) {
          next[d] = left[d] - weights[d * items + i];
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
          double w = weights[d * items + i];
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
