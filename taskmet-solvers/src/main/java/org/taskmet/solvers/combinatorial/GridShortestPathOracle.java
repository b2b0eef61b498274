package org.taskmet.solvers.combinatorial;

import org.taskmet.api.Instance;
import org.taskmet.api.LexicographicOracle;

/**
 * Paths from the top-left to the bottom-right node of PyEPO's h×w grid, by dynamic programming on the DAG.
 *
 * <p>Nodes are numbered row-major (node v = i·w + j in row i, column j); arcs go east (v → v+1) and south
 * (v → v+w), so every path has h−1+w−1 arcs and the graph has no cycle. Arc order is PyEPO's
 * ({@code shortestPathModel._getArcs}): for each row, its w−1 east arcs, then (except the last row) its w
 * south arcs; d = h(w−1) + w(h−1) arcs, 40 on 5×5. A decision z ∈ {0,1}^d marks the arcs of one path.
 *
 * <p>The oracle maximizes rewards (negated costs: a shortest path is the path of largest total reward), is
 * exact for rewards of any sign (a DAG has no negative cycles; PyEPO's LP min cᵀx, Ax = b, 0 ≤ x ≤ 1 has the
 * same optimum), and costs O(h·w) per call. Tie-break: where going east and going south give the same total,
 * the path goes east, so among optimal paths the one that turns east earliest is returned.
 *
 * <p>Thread-safe; each thread reuses its own work arrays, so a call allocates nothing.
 */
public final class GridShortestPathOracle implements LexicographicOracle {
  private final int rows;
  private final int cols;
  private final int arcs;
  private final ThreadLocal<Workspace> workspaces;

  /** Work arrays of one thread: the best reward-to-go of every node and the direction it takes. */
  private static final class Workspace {
    final double[] best;
    final double[] bestSecondary;
    final boolean[] east;

    Workspace(int nodes) {
      best = new double[nodes];
      bestSecondary = new double[nodes];
      east = new boolean[nodes];
    }
  }

  /**
   * @param rows h, the number of node rows (PyEPO's {@code grid[0]})
   * @param cols w, the number of node columns (PyEPO's {@code grid[1]})
   */
  public GridShortestPathOracle(int rows, int cols) {
    if (rows < 1 || cols < 1 || (long) rows * cols < 2 || (long) rows * cols > 10_000_000) {
      throw new IllegalArgumentException("grid shortest path: grid " + rows + "x" + cols
          + " is invalid; expected at least 2 and at most 10^7 nodes (rows, cols >= 1)");
    }
    this.rows = rows;
    this.cols = cols;
    this.arcs = rows * (cols - 1) + cols * (rows - 1);
    this.workspaces = ThreadLocal.withInitial(() -> new Workspace(rows * cols));
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** d, the number of arcs. */
  public int arcCount() {
    return arcs;
  }

  /** Index of the east arc leaving node (i, j), j &lt; w−1. */
  public int eastArc(int i, int j) {
    return i * (2 * cols - 1) + j;
  }

  /** Index of the south arc leaving node (i, j), i &lt; h−1. */
  public int southArc(int i, int j) {
    return i * (2 * cols - 1) + cols - 1 + j;
  }

  /** The arcs in PyEPO's order: row k is {tail node, head node} of arc k. */
  public int[][] arcList() {
    int[][] out = new int[arcs][];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols - 1; j++) {
        int v = i * cols + j;
        out[eastArc(i, j)] = new int[] {v, v + 1};
      }
      for (int j = 0; i < rows - 1 && j < cols; j++) {
        int v = i * cols + j;
        out[southArc(i, j)] = new int[] {v, v + cols};
      }
    }
    return out;
  }

  @Override
  public String name() {
    return "grid-shortest-path";
  }

  @Override
  public int dimension(Instance instance) {
    return arcs;
  }

  @Override
  public void argmax(double[] c, Instance instance, double[] out) {
    check("rewards", c, false);
    solve(c, null, out);
  }

  @Override
  public void argmaxLexicographic(double[] primary, double[] secondary, Instance instance, double[] out) {
    check("primary rewards", primary, true);
    check("secondary rewards", secondary, false);
    solve(primary, secondary, out);
  }

  private void solve(double[] c, double[] secondary, double[] out) {
    if (out.length != arcs) {
      throw new IllegalArgumentException(name() + ": output has length " + out.length + ", expected " + arcs);
    }
    Workspace w = workspaces.get();
    double[] best = w.best;
    double[] bestS = w.bestSecondary;
    boolean[] east = w.east;
    int last = rows * cols - 1;
    best[last] = 0;
    bestS[last] = 0;
    // successors have larger node numbers, so one backward sweep is a topological order
    for (int v = last - 1; v >= 0; v--) {
      int i = v / cols;
      int j = v - i * cols;
      boolean canEast = j < cols - 1;
      boolean canSouth = i < rows - 1;
      double pe = Double.NEGATIVE_INFINITY;
      double se = 0;
      double ps = Double.NEGATIVE_INFINITY;
      double ss = 0;
      if (canEast) {
        int a = eastArc(i, j);
        pe = c[a] + best[v + 1];
        se = secondary == null ? 0 : secondary[a] + bestS[v + 1];
      }
      if (canSouth) {
        int a = southArc(i, j);
        ps = c[a] + best[v + cols];
        ss = secondary == null ? 0 : secondary[a] + bestS[v + cols];
      }
      boolean goEast = canEast && (!canSouth || pe > ps || (pe == ps && se >= ss));
      east[v] = goEast;
      best[v] = goEast ? pe : ps;
      bestS[v] = goEast ? se : ss;
    }
    java.util.Arrays.fill(out, 0.0);
    int v = 0;
    while (v != last) {
      int i = v / cols;
      int j = v - i * cols;
      if (east[v]) {
        out[eastArc(i, j)] = 1.0;
        v++;
      } else {
        out[southArc(i, j)] = 1.0;
        v += cols;
      }
    }
  }

  private void check(String what, double[] c, boolean integers) {
    if (c.length != arcs) {
      throw new IllegalArgumentException(name() + ": " + what + " have length " + c.length + ", expected " + arcs
          + " (one per arc of the " + rows + "x" + cols + " grid)");
    }
    for (int k = 0; k < arcs; k++) {
      if (!Double.isFinite(c[k]) || (integers && c[k] != Math.rint(c[k]))) {
        throw new IllegalArgumentException(name() + ": " + what + "[" + k + "] = " + c[k] + "; expected a finite "
            + (integers ? "integer" : "number"));
      }
    }
  }
}
