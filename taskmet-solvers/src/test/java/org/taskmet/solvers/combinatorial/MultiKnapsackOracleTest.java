package org.taskmet.solvers.combinatorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;

/** The knapsack branch and bound against enumeration of every packing, including its tie-break. */
class MultiKnapsackOracleTest {
  private static final MultiKnapsackOracle ORACLE = new MultiKnapsackOracle();

  /** A knapsack instance: the weights and capacities as aux data. */
  record Knapsack(Instance instance, double[][] weights, double[] capacities) {
    static Knapsack of(double[][] weights, double[] capacities) {
      return new Knapsack(new Instance(Matrix.zeros(1, 1), Matrix.zeros(1, 1), MultiKnapsackOracle.aux(weights,
          capacities)), weights, capacities);
    }

    int items() {
      return weights[0].length;
    }

    void argmax(double[] c, double[] z) {
      ORACLE.argmax(c, instance, z);
    }

    void argmaxLexicographic(double[] p, double[] s, double[] z) {
      ORACLE.argmaxLexicographic(p, s, instance, z);
    }

    boolean fits(int i, double[] left) {
      return MultiKnapsackOracle.fits(i, left, instance.aux(MultiKnapsackOracle.WEIGHTS_AUX_KEY).data(), capacities);
    }
  }

  /** PyEPO's weights: rnd.choice(range(300, 800)) / 100. */
  static double[][] pyepoWeights(SplittableRandom rng, int dims, int items) {
    double[][] w = new double[dims][items];
    for (int d = 0; d < dims; d++) {
      for (int i = 0; i < items; i++) {
        w[d][i] = (300 + rng.nextInt(500)) / 100.0;
      }
    }
    return w;
  }

  /**
   * The oracle's specification, by enumeration: a packing is feasible when each packed item, in index order,
   * fits into what the earlier ones left; items with value ≤ 0 are never packed (and items with primary 0 only
   * when their secondary value is positive); among the best packings (primary, then secondary) the first in
   * lexicographically decreasing 0/1 order wins.
   */
  static double[] enumerate(Knapsack k, double[] p, double[] s) {
    int m = k.items();
    double[] best = null;
    double bestP = Double.NEGATIVE_INFINITY;
    double bestS = Double.NEGATIVE_INFINITY;
    double[] left = new double[k.capacities().length];
    // lexicographically decreasing 0/1 vectors, item 0 most significant
    for (long code = (1L << m) - 1; code >= 0; code--) {
      boolean ok = true;
      for (int d = 0; d < left.length; d++) {
        left[d] = k.capacities()[d];
      }
      double vp = 0;
      double vs = 0;
      double[] z = new double[m];
      for (int i = 0; i < m && ok; i++) {
        if (((code >> (m - 1 - i)) & 1) == 0) {
          continue;
        }
        boolean helps = p[i] > 0 || (s != null && p[i] == 0 && s[i] > 0);
        if (!helps || !k.fits(i, left)) {
          ok = false;
          break;
        }
        for (int d = 0; d < left.length; d++) {
          left[d] -= k.weights()[d][i];
        }
        vp += p[i];
        vs += s == null ? 0 : s[i];
        z[i] = 1;
      }
      if (ok && (vp > bestP || (vp == bestP && s != null && vs > bestS))) {
        best = z;
        bestP = vp;
        bestS = vs;
      }
    }
    return best;
  }

  /** The best value over every feasible packing, no tie-break or item exclusion at all. */
  static double bestValueOfAllPackings(Knapsack k, double[] c) {
    int m = k.items();
    double best = 0;
    for (long code = 0; code < (1L << m); code++) {
      double[] load = new double[k.capacities().length];
      double v = 0;
      for (int i = 0; i < m; i++) {
        if (((code >> i) & 1) != 0) {
          v += c[i];
          for (int d = 0; d < load.length; d++) {
            load[d] += k.weights()[d][i];
          }
        }
      }
      boolean ok = true;
      for (int d = 0; d < load.length; d++) {
        ok &= load[d] <= k.capacities()[d] + 1e-9;
      }
      if (ok) {
        best = Math.max(best, v);
      }
    }
    return best;
  }

  static double dot(double[] c, double[] z) {
    double s = 0;
    for (int i = 0; i < c.length; i++) {
      s += c[i] * z[i];
    }
    return s;
  }

  @Test
  void integerValuesWithManyTiesGiveTheSpecifiedPacking() {
    SplittableRandom rng = new SplittableRandom(21);
    for (int trial = 0; trial < 120; trial++) {
      int m = 1 + rng.nextInt(14);
      int dims = 1 + rng.nextInt(3);
      double[] caps = new double[dims];
      for (int d = 0; d < dims; d++) {
        caps[d] = trial % 3 == 0 ? 20 : rng.nextInt(5, 40);
      }
      Knapsack k = Knapsack.of(pyepoWeights(rng, dims, m), caps);
      double[] c = new double[m];
      for (int i = 0; i < m; i++) {
        c[i] = rng.nextInt(-1, 5); // integers -1..4 as PyEPO's ceil'd values and a linear model's: ties everywhere
      }
      double[] z = new double[m];
      k.argmax(c, z);
      assertThat(z).as("trial %d", trial).containsExactly(enumerate(k, c, null));
      assertThat(dot(c, z)).isEqualTo(bestValueOfAllPackings(k, c));
    }
  }

  @Test
  void realValuesGiveTheOptimumOfThePyeposSizedProblem() {
    SplittableRandom rng = new SplittableRandom(22);
    for (int trial = 0; trial < 12; trial++) {
      Knapsack k = Knapsack.of(pyepoWeights(rng, 2, 16), new double[] {20, 20});
      double[] c = rng.doubles(16, -0.5, 6).toArray();
      double[] z = new double[16];
      k.argmax(c, z);
      assertThat(z).containsExactly(enumerate(k, c, null));
      assertThat(dot(c, z)).isEqualTo(bestValueOfAllPackings(k, c));
    }
  }

  @Test
  void equalValueOptimaPreferTheLowerNumberedItem() {
    // items 0 and 1 weigh the same, only one fits: both packings are worth 3; item 0 is packed
    Knapsack k = Knapsack.of(new double[][] {{6, 6, 9}}, new double[] {10});
    double[] z = new double[3];
    k.argmax(new double[] {3, 3, 1}, z);
    assertThat(z).containsExactly(1, 0, 0);
    // a zero-value item that fits is left out
    k.argmax(new double[] {3, 0, 0}, z);
    assertThat(z).containsExactly(1, 0, 0);
    // {0} and {1, 2} are both worth 4: the packing with item 0 wins
    Knapsack k2 = Knapsack.of(new double[][] {{8, 4, 4}}, new double[] {8});
    k2.argmax(new double[] {4, 2, 2}, z);
    assertThat(z).containsExactly(1, 0, 0);
  }

  @Test
  void lexicographicOracleMaximizesTheSecondaryAmongPrimaryOptima() {
    SplittableRandom rng = new SplittableRandom(23);
    for (int trial = 0; trial < 100; trial++) {
      int m = 1 + rng.nextInt(12);
      int dims = 1 + rng.nextInt(2);
      double[] caps = dims == 2 ? new double[] {20, 20} : new double[] {15};
      Knapsack k = Knapsack.of(pyepoWeights(rng, dims, m), caps);
      double[] p = new double[m];
      double[] s = new double[m];
      for (int i = 0; i < m; i++) {
        p[i] = rng.nextInt(-1, 3);
        s[i] = rng.nextDouble() * 2 - 1;
      }
      double[] z = new double[m];
      k.argmaxLexicographic(p, s, z);
      assertThat(z).as("trial %d", trial).containsExactly(enumerate(k, p, s));
    }
  }

  @Test
  void aCallAllocatesNothing() {
    SplittableRandom rng = new SplittableRandom(24);
    Knapsack k = Knapsack.of(pyepoWeights(rng, 2, 16), new double[] {20, 20});
    double[] c = rng.doubles(16, 0, 6).toArray();
    double[] p = new double[16];
    double[] s = new double[16];
    for (int i = 0; i < 16; i++) {
      p[i] = Math.rint(c[i]);
      s[i] = -c[i];
    }
    double[] z = new double[16];
    assertThat(Allocation.bytesPerCall(() -> k.argmax(c, z), 20_000, 50_000)).isZero();
    assertThat(Allocation.bytesPerCall(() -> k.argmaxLexicographic(p, s, z), 20_000, 50_000)).isZero();
  }

  @Test
  void concurrentCallsGiveTheSequentialAnswers() {
    SplittableRandom rng = new SplittableRandom(25);
    Knapsack k = Knapsack.of(pyepoWeights(rng, 2, 16), new double[] {20, 20});
    double[][] c = new double[2000][];
    double[][] expected = new double[c.length][16];
    for (int i = 0; i < c.length; i++) {
      c[i] = rng.doubles(16, 0, 6).toArray();
      k.argmax(c[i], expected[i]);
    }
    double[][] parallel = new double[c.length][16];
    IntStream.range(0, c.length).parallel().forEach(i -> k.argmax(c[i], parallel[i]));
    assertThat(parallel).isDeepEqualTo(expected);
  }

  @Test
  void badInputIsRejectedWithTheOracleNameAndTheEntry() {
    Knapsack k = Knapsack.of(new double[][] {{1, 2}}, new double[] {2});
    double[] z = new double[2];
    assertThatThrownBy(() -> k.argmax(new double[] {1, Double.POSITIVE_INFINITY}, z))
        .hasMessageContaining("knapsack: values[1] = Infinity");
    assertThatThrownBy(() -> k.argmax(new double[3], z)).hasMessageContaining("length 3, expected 2");
    assertThatThrownBy(() -> MultiKnapsackOracle.aux(new double[][] {{1, -2}}, new double[] {2}))
        .hasMessageContaining("weight[0][1] = -2.0");
    assertThatThrownBy(() -> MultiKnapsackOracle.aux(new double[][] {{1, 2}}, new double[] {2, 3}))
        .hasMessageContaining("1 x resources capacities");
    Instance bare = new Instance(Matrix.zeros(1, 1), Matrix.zeros(1, 1));
    assertThatThrownBy(() -> ORACLE.argmax(new double[2], bare, z))
        .hasMessageContaining("no aux matrix 'knapsack-weights'");
  }
}
