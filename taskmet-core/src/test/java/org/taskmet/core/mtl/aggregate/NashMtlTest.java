package org.taskmet.core.mtl.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taskmet.api.Aggregation;
import org.taskmet.api.Matrix;

class NashMtlTest {
  @ParameterizedTest
  @CsvSource({"2,5,31", "3,5,32", "4,10,33", "6,20,34"})
  void weightsSatisfyTheBargainingCondition(int k, int p, long seed) {
    Matrix g = AggregatorTestSupport.randomGradients(k, p, seed);
    // scale tasks differently so the solution is far from uniform
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < p; j++) {
        g.set(i, j, g.get(i, j) * (1 + 3 * i));
      }
    }
    NashMtl nash = new NashMtl(100, 0, 0);
    Aggregation a = nash.aggregate(g, new double[k], new SplittableRandom(0));
    double[] alpha = a.taskWeights();
    double[] mAlpha = GradientGeometry.times(GradientGeometry.gram(g), alpha);
    for (int i = 0; i < k; i++) {
      assertThat(alpha[i]).isPositive();
      assertThat(mAlpha[i] * alpha[i]).as("(Mα)_k·α_k for task %d", i).isCloseTo(1.0, within(1e-8));
    }
    // theory: ‖d‖² = αᵀMα = K
    assertThat(AggregatorTestSupport.dot(a.direction(), a.direction())).isCloseTo(k, within(1e-7 * k));
    // a warm-started second call on the same gradients returns the same point
    Aggregation again = nash.aggregate(g, new double[k], new SplittableRandom(0));
    for (int i = 0; i < k; i++) {
      assertThat(again.taskWeights()[i]).isCloseTo(alpha[i], within(1e-9 * alpha[i]));
    }
  }

  @org.junit.jupiter.api.Test
  void maxNormClipsTheDirection() {
    Matrix g = AggregatorTestSupport.randomGradients(3, 6, 35);
    Aggregation a = new NashMtl(100, 0, 1.0).aggregate(g, new double[3], new SplittableRandom(0));
    assertThat(Math.sqrt(AggregatorTestSupport.dot(a.direction(), a.direction()))).isCloseTo(1.0, within(1e-9));
  }
}
