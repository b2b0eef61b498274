package org.taskmet.core.mtl.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Aggregation;
import org.taskmet.api.Matrix;

class PcGradTest {
  @Test
  void twoConflictingTasksKeepNoConflict() {
    Matrix g = Matrix.of(new double[][] {{1, 0.2, -0.5}, {-0.8, 1, 0.3}});
    double[] g1 = g.row(0);
    double[] g2 = g.row(1);
    double overlap = AggregatorTestSupport.dot(g1, g2);
    assertThat(overlap).isNegative();
    Aggregation a = new PcGrad().aggregate(g, new double[2], new SplittableRandom(5));
    double[] expected = new double[3];
    for (int j = 0; j < 3; j++) {
      double p1 = g1[j] - overlap / AggregatorTestSupport.dot(g2, g2) * g2[j];
      double p2 = g2[j] - overlap / AggregatorTestSupport.dot(g1, g1) * g1[j];
      expected[j] = p1 + p2;
      assertThat(a.direction()[j]).isCloseTo(expected[j], within(1e-12));
    }
    // each projected gradient is orthogonal to the other task, so d is a descent direction for both
    assertThat(AggregatorTestSupport.dot(a.direction(), g1)).isPositive();
    assertThat(AggregatorTestSupport.dot(a.direction(), g2)).isPositive();
  }

  @Test
  void agreeingTasksAreSummedUnchanged() {
    Matrix g = Matrix.of(new double[][] {{1, 2}, {0.5, 1}, {2, 0}});
    Aggregation a = new PcGrad().aggregate(g, new double[3], new SplittableRandom(5));
    assertThat(a.direction()).containsExactly(3.5, 3.0);
  }
}
