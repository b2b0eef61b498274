package org.taskmet.solvers.combinatorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;

/** The grid shortest-path DP against PyEPO's arc order, brute-force path enumeration and an independent LP solver. */
class GridShortestPathOracleTest {
  private static final Instance ANY = new Instance(Matrix.zeros(1, 1), Matrix.zeros(1, 1));
  private static final int[][] GRIDS = {{5, 5}, {2, 3}, {3, 2}, {3, 5}, {4, 1}, {1, 4}, {4, 6}};

  @Test
  void arcsFollowPyEposOrderOnTheNotebookGrid() {
    GridShortestPathOracle g = new GridShortestPathOracle(5, 5);
    int[][] arcs = g.arcList();
    assertThat(g.arcCount()).isEqualTo(40);
    // row 0: east arcs, then south arcs; row 1 starts at index 9; the last row has only east arcs
    assertThat(arcs[0]).containsExactly(0, 1);
    assertThat(arcs[3]).containsExactly(3, 4);
    assertThat(arcs[4]).containsExactly(0, 5);
    assertThat(arcs[8]).containsExactly(4, 9);
    assertThat(arcs[9]).containsExactly(5, 6);
    assertThat(arcs[36]).containsExactly(20, 21);
    assertThat(arcs[39]).containsExactly(23, 24);
  }

  @Test
  void arcOrderOnNonSquareGridsIsRowEastThenRowSouth() {
    for (int[] hw : GRIDS) {
      GridShortestPathOracle g = new GridShortestPathOracle(hw[0], hw[1]);
      int h = hw[0];
      int w = hw[1];
      assertThat(g.arcCount()).isEqualTo((h - 1) * w + (w - 1) * h);
      List<int[]> expected = new ArrayList<>();
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w - 1; j++) {
          expected.add(new int[] {i * w + j, i * w + j + 1});
        }
        for (int j = 0; i < h - 1 && j < w; j++) {
          expected.add(new int[] {i * w + j, i * w + j + w});
        }
      }
      assertThat(g.arcList()).isDeepEqualTo(expected.toArray(int[][]::new));
    }
  }

  /** Every source-to-sink path as a 0/1 arc vector, east-first order (so the first maximum is the tie-break's). */
  static List<double[]> allPaths(GridShortestPathOracle g) {
    List<double[]> out = new ArrayList<>();
    walk(g, 0, 0, new double[g.arcCount()], out);
    return out;
  }

  private static void walk(GridShortestPathOracle g, int i, int j, double[] z, List<double[]> out) {
    if (i == g.rows() - 1 && j == g.cols() - 1) {
      out.add(z.clone());
      return;
    }
    if (j < g.cols() - 1) {
      z[g.eastArc(i, j)] = 1;
      walk(g, i, j + 1, z, out);
      z[g.eastArc(i, j)] = 0;
    }
    if (i < g.rows() - 1) {
      z[g.southArc(i, j)] = 1;
      walk(g, i + 1, j, z, out);
      z[g.southArc(i, j)] = 0;
    }
  }

  /** The path-order sum, as the brute force and the DP's exact-integer ties see it. */
  static double dot(double[] c, double[] z) {
    double s = 0;
    for (int k = 0; k < c.length; k++) {
      s += c[k] * z[k];
    }
    return s;
  }

  @Test
  void realRewardsOfAnySignGiveTheBestPathOfTheEnumeration() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int[] hw : GRIDS) {
      GridShortestPathOracle g = new GridShortestPathOracle(hw[0], hw[1]);
      List<double[]> paths = allPaths(g);
      for (int trial = 0; trial < 40; trial++) {
        double[] c = new double[g.arcCount()];
        for (int k = 0; k < c.length; k++) {
          c[k] = trial % 2 == 0 ? -rng.nextDouble() * 3 : rng.nextDouble() * 4 - 2; // costs only, or mixed signs
        }
        double best = paths.stream().mapToDouble(z -> dot(c, z)).max().orElseThrow();
        double[] z = new double[g.arcCount()];
        g.argmax(c, ANY, z);
        assertThat(paths).anySatisfy(p -> assertThat(p).containsExactly(z));
        assertThat(dot(c, z)).isCloseTo(best, offset(1e-12));
      }
    }
  }

  @Test
  void integerTiesGoEastFirstLikeTheEastFirstEnumeration() {
    SplittableRandom rng = new SplittableRandom(12);
    for (int[] hw : GRIDS) {
      GridShortestPathOracle g = new GridShortestPathOracle(hw[0], hw[1]);
      List<double[]> paths = allPaths(g);
      for (int trial = 0; trial < 60; trial++) {
        double[] c = new double[g.arcCount()];
        for (int k = 0; k < c.length; k++) {
          c[k] = -rng.nextInt(3); // costs 0, 1, 2: many equal-cost paths
        }
        double[] first = firstMaximum(paths, z -> dot(c, z));
        double[] z = new double[g.arcCount()];
        g.argmax(c, ANY, z);
        assertThat(z).containsExactly(first);
      }
    }
  }

  @Test
  void lexicographicOracleMaximizesTheSecondaryAmongPrimaryOptima() {
    SplittableRandom rng = new SplittableRandom(13);
    for (int[] hw : GRIDS) {
      GridShortestPathOracle g = new GridShortestPathOracle(hw[0], hw[1]);
      List<double[]> paths = allPaths(g);
      for (int trial = 0; trial < 60; trial++) {
        double[] p = new double[g.arcCount()];
        double[] s = new double[g.arcCount()];
        for (int k = 0; k < p.length; k++) {
          p[k] = -rng.nextInt(3);
          s[k] = rng.nextDouble() * 2 - 1;
        }
        double bestP = paths.stream().mapToDouble(z -> dot(p, z)).max().orElseThrow();
        double bestS = paths.stream().filter(z -> dot(p, z) == bestP).mapToDouble(z -> dot(s, z)).max().orElseThrow();
        double[] z = new double[g.arcCount()];
        g.argmaxLexicographic(p, s, ANY, z);
        assertThat(dot(p, z)).isEqualTo(bestP);
        assertThat(dot(s, z)).isCloseTo(bestS, offset(1e-12));
      }
    }
  }

  /** PyEPO's model solved by Commons Math's simplex: min cᵀx, node-arc flow conservation, 0 ≤ x ≤ 1. */
  static double lpOptimum(GridShortestPathOracle g, double[] cost) {
    int d = g.arcCount();
    int nodes = g.rows() * g.cols();
    int[][] arcs = g.arcList();
    List<LinearConstraint> cons = new ArrayList<>();
    for (int v = 0; v < nodes; v++) {
      double[] row = new double[d];
      for (int k = 0; k < d; k++) {
        if (arcs[k][1] == v) {
          row[k] += 1;
        }
        if (arcs[k][0] == v) {
          row[k] -= 1;
        }
      }
      double rhs = v == 0 ? -1 : v == nodes - 1 ? 1 : 0;
      cons.add(new LinearConstraint(row, Relationship.EQ, rhs));
    }
    for (int k = 0; k < d; k++) {
      double[] row = new double[d];
      row[k] = 1;
      cons.add(new LinearConstraint(row, Relationship.LEQ, 1));
    }
    PointValuePair sol = new SimplexSolver().optimize(new MaxIter(10_000), new LinearObjectiveFunction(cost, 0),
        new LinearConstraintSet(cons), GoalType.MINIMIZE, new NonNegativeConstraint(true));
    return sol.getValue();
  }

  @Test
  void shortestPathLengthMatchesAnIndependentLpSolverIncludingNegativeCosts() {
    SplittableRandom rng = new SplittableRandom(14);
    for (int[] hw : new int[][] {{5, 5}, {3, 4}, {4, 2}}) {
      GridShortestPathOracle g = new GridShortestPathOracle(hw[0], hw[1]);
      for (int trial = 0; trial < 15; trial++) {
        double[] cost = new double[g.arcCount()];
        for (int k = 0; k < cost.length; k++) {
          cost[k] = trial < 8 ? rng.nextDouble() * 2 : rng.nextDouble() * 2 - 1; // PyEPO-like, then negative too
        }
        double[] reward = IntStream.range(0, cost.length).mapToDouble(k -> -cost[k]).toArray();
        double[] z = new double[g.arcCount()];
        g.argmax(reward, ANY, z);
        assertThat(dot(cost, z)).isCloseTo(lpOptimum(g, cost), offset(1e-9));
      }
    }
  }

  @Test
  void aCallAllocatesNothing() {
    GridShortestPathOracle g = new GridShortestPathOracle(5, 5);
    double[] c = new SplittableRandom(15).doubles(g.arcCount(), -1, 0).toArray();
    double[] s = new SplittableRandom(16).doubles(g.arcCount(), -1, 1).toArray();
    double[] p = new double[g.arcCount()];
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.rint(c[k] * 1e5);
    }
    double[] z = new double[g.arcCount()];
    assertThat(Allocation.bytesPerCall(() -> g.argmax(c, ANY, z), 50_000, 100_000)).isZero();
    assertThat(Allocation.bytesPerCall(() -> g.argmaxLexicographic(p, s, ANY, z), 50_000, 100_000)).isZero();
  }

  @Test
  void concurrentCallsGiveTheSequentialAnswers() {
    GridShortestPathOracle g = new GridShortestPathOracle(5, 5);
    SplittableRandom rng = new SplittableRandom(17);
    double[][] c = new double[2000][];
    double[][] expected = new double[c.length][g.arcCount()];
    for (int i = 0; i < c.length; i++) {
      c[i] = rng.doubles(g.arcCount(), -1, 0).toArray();
      g.argmax(c[i], ANY, expected[i]);
    }
    double[][] parallel = new double[c.length][g.arcCount()];
    IntStream.range(0, c.length).parallel().forEach(i -> g.argmax(c[i], ANY, parallel[i]));
    assertThat(parallel).isDeepEqualTo(expected);
  }

  @Test
  void badInputIsRejectedWithTheOracleNameAndTheEntry() {
    GridShortestPathOracle g = new GridShortestPathOracle(5, 5);
    double[] z = new double[40];
    assertThatThrownBy(() -> g.argmax(new double[39], ANY, z)).hasMessageContaining("length 39, expected 40");
    double[] nan = new double[40];
    nan[7] = Double.NaN;
    assertThatThrownBy(() -> g.argmax(nan, ANY, z)).hasMessageContaining("grid-shortest-path: rewards[7] = NaN");
    double[] frac = new double[40];
    frac[3] = 0.5;
    assertThatThrownBy(() -> g.argmaxLexicographic(frac, new double[40], ANY, z))
        .hasMessageContaining("primary rewards[3] = 0.5; expected a finite integer");
    assertThatThrownBy(() -> new GridShortestPathOracle(1, 1)).hasMessageContaining("grid 1x1 is invalid");
  }

  static double[] firstMaximum(List<double[]> candidates, java.util.function.ToDoubleFunction<double[]> value) {
    double[] best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (double[] z : candidates) {
      double v = value.applyAsDouble(z);
      if (v > bestValue) {
        bestValue = v;
        best = z;
      }
    }
    return best;
  }
}
