package org.taskmet.core.mtl.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taskmet.api.Aggregation;
import org.taskmet.api.Matrix;

class CaGradTest {
  @ParameterizedTest
  @CsvSource({"2,4,0.4,11", "2,4,0.9,12", "3,5,0.4,13", "3,2,0.5,14", "3,6,0.2,15"})
  void subproblemSolutionBeatsABruteForceGridOfTheSimplex(int k, int p, double c, long seed) {
    Matrix g = AggregatorTestSupport.randomGradients(k, p, seed);
    double[] gram = GradientGeometry.gram(g);
    double mean = 0;
    for (double v : gram) {
      mean += v / (k * k);
    }
    double cEff = c * Math.sqrt(mean);
    double[] w = CaGrad.subproblemWeights(gram, k, cEff, 2000);
    double solved = CaGrad.subproblemObjective(gram, k, cEff, w);

    int n = k == 2 ? 20000 : 600;
    double h = 1.0 / n;
    double gridBest = Double.POSITIVE_INFINITY;
    for (int a = 0; a <= n; a++) {
      if (k == 2) {
        gridBest = Math.min(gridBest, CaGrad.subproblemObjective(gram, k, cEff, new double[] {a * h, 1 - a * h}));
      } else {
        for (int b = 0; a + b <= n; b++) {
          double[] point = {a * h, b * h, 1 - (a + b) * h};
          gridBest = Math.min(gridBest, CaGrad.subproblemObjective(gram, k, cEff, point));
        }
      }
    }
    double maxNorm = 0;
    for (int i = 0; i < k; i++) {
      maxNorm = Math.max(maxNorm, Math.sqrt(gram[i * k + i]));
    }
    // the objective is Lipschitz on the simplex with constant ≤ 2(‖g0‖ + c_eff)·max‖g_k‖; grid spacing h
    double lipschitzGap = 2 * (Math.sqrt(mean) + cEff) * maxNorm * h * 2;
    assertThat(solved).isLessThanOrEqualTo(gridBest + 1e-10);
    assertThat(solved).isGreaterThanOrEqualTo(gridBest - lipschitzGap);
    double sum = 0;
    for (double v : w) {
      assertThat(v).isGreaterThanOrEqualTo(0);
      sum += v;
    }
    assertThat(sum).isCloseTo(1, within(1e-12));
  }

  @Test
  void zeroRadiusIsTheSumOfGradients() {
    Matrix g = AggregatorTestSupport.randomGradients(3, 4, 21);
    Aggregation a = new CaGrad(0, 100).aggregate(g, new double[3], new SplittableRandom(0));
    double[] sum = GradientGeometry.combine(g, GradientGeometry.ones(3));
    for (int j = 0; j < 4; j++) {
      assertThat(a.direction()[j]).isCloseTo(sum[j], within(1e-12));
    }
  }

  @Test
  void directionMatchesTheClosedFormFromTheWeights() {
    Matrix g = AggregatorTestSupport.randomGradients(3, 5, 22);
    double c = 0.4;
    Aggregation a = new CaGrad(c, 500).aggregate(g, new double[3], new SplittableRandom(0));
    double[] gram = GradientGeometry.gram(g);
    double mean = 0;
    for (double v : gram) {
      mean += v / 9;
    }
    double cEff = c * Math.sqrt(mean);
    double[] w = CaGrad.subproblemWeights(gram, 3, cEff, 500);
    double[] gw = GradientGeometry.combine(g, w);
    double[] g0 = GradientGeometry.combine(g, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
    double gwNorm = Math.sqrt(AggregatorTestSupport.dot(gw, gw));
    for (int j = 0; j < 5; j++) {
      double expected = 3 * (g0[j] + cEff / gwNorm * gw[j]) / (1 + c * c);
      assertThat(a.direction()[j]).isCloseTo(expected, within(1e-10));
    }
  }
}
