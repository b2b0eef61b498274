package org.taskmet.core.mtl.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taskmet.api.Aggregation;
import org.taskmet.api.Matrix;

class MgdaTest {
  /**
   * Brute-force QP: min wᵀMw over the simplex by enumerating every support S and solving the KKT system
   * of the equality-constrained problem on S; the best feasible candidate is the global minimum.
   */
  static double[] bruteForceMinNorm(double[] gram, int k) {
    double best = Double.POSITIVE_INFINITY;
    double[] bestW = null;
    for (int subset = 1; subset < (1 << k); subset++) {
      final int mask = subset;
      int[] support = java.util.stream.IntStream.range(0, k).filter(i -> (mask >> i & 1) == 1).toArray();
      int s = support.length;
      RealMatrix kkt = new Array2DRowRealMatrix(s + 1, s + 1);
      for (int a = 0; a < s; a++) {
        for (int b = 0; b < s; b++) {
          kkt.setEntry(a, b, gram[support[a] * k + support[b]]);
        }
        kkt.setEntry(a, s, 1);
        kkt.setEntry(s, a, 1);
      }
      double[] rhs = new double[s + 1];
      rhs[s] = 1;
      LUDecomposition lu = new LUDecomposition(kkt, 1e-13);
      if (!lu.getSolver().isNonSingular()) {
        continue;
      }
      double[] sol = lu.getSolver().solve(new ArrayRealVector(rhs)).toArray();
      double[] w = new double[k];
      boolean feasible = true;
      for (int a = 0; a < s; a++) {
        w[support[a]] = sol[a];
        feasible &= sol[a] >= -1e-12;
      }
      double value = GradientGeometry.quadraticForm(gram, w);
      if (feasible && value < best) {
        best = value;
        bestW = w;
      }
    }
    return bestW;
  }

  @ParameterizedTest
  @CsvSource({"2,5,1", "2,5,2", "2,3,3", "3,5,4", "3,5,5", "3,2,6", "4,6,7", "5,8,8"})
  void directionIsTheMinNormPointOfTheConvexHull(int k, int p, long seed) {
    Matrix g = AggregatorTestSupport.randomGradients(k, p, seed);
    double[] gram = GradientGeometry.gram(g);
    double[] expectedW = bruteForceMinNorm(gram, k);
    double[] expectedD = GradientGeometry.combine(g, expectedW);

    Aggregation result = new MgdaProvider().create(new MgdaProvider().defaultConfig())
        .aggregate(g, AggregatorTestSupport.zeros(k), new SplittableRandom(0));

    double weightSum = 0;
    for (double w : result.taskWeights()) {
      assertThat(w).isGreaterThanOrEqualTo(0);
      weightSum += w;
    }
    assertThat(weightSum).isCloseTo(k, within(1e-9));
    double scale = Math.sqrt(AggregatorTestSupport.dot(expectedD, expectedD));
    for (int j = 0; j < p; j++) {
      assertThat(result.direction()[j] / k).as("coordinate %d", j).isCloseTo(expectedD[j], within(1e-6 * (1 + scale)));
    }
  }

  @org.junit.jupiter.api.Test
  void twoTasksWithOneDominatingGivesTheSmallerGradient() {
    // g1 = (1, 0), g2 = (2, 0): the hull is the segment, its min-norm point is g1 (γ = 1 exactly)
    Matrix g = Matrix.of(new double[][] {{1, 0}, {2, 0}});
    double[] w = Mgda.minNormWeights(GradientGeometry.gram(g), 2, 10, 1e-12);
    assertThat(w).containsExactly(1.0, 0.0);
  }
}
