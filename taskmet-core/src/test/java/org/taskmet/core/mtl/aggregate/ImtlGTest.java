package org.taskmet.core.mtl.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taskmet.api.Aggregation;
import org.taskmet.api.Matrix;

class ImtlGTest {
  @ParameterizedTest
  @CsvSource({"2,4,41", "3,5,42", "5,9,43"})
  void projectionsOnEveryUnitTaskGradientAreEqual(int k, int p, long seed) {
    Matrix g = AggregatorTestSupport.randomGradients(k, p, seed);
    for (int j = 0; j < p; j++) {
      g.set(0, j, g.get(0, j) * 5); // unequal norms
    }
    Aggregation a = new ImtlG().aggregate(g, new double[k], new SplittableRandom(0));
    double[] projections = new double[k];
    for (int i = 0; i < k; i++) {
      double[] gi = g.row(i);
      projections[i] = AggregatorTestSupport.dot(a.direction(), gi) / Math.sqrt(AggregatorTestSupport.dot(gi, gi));
    }
    for (int i = 1; i < k; i++) {
      assertThat(projections[i]).isCloseTo(projections[0], within(1e-9 * Math.abs(projections[0]) + 1e-12));
    }
    double sum = 0;
    for (double w : a.taskWeights()) {
      sum += w;
    }
    assertThat(sum).isCloseTo(k, within(1e-9));
  }
}
