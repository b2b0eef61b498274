package org.taskmet.core.mtl.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Aggregation;
import org.taskmet.api.Matrix;

class GroupDroTest {
  @Test
  void weightsFollowTheExponentiatedGradientUpdateAndPersist() {
    double eta = 0.3;
    GroupDro dro = new GroupDro(eta);
    Matrix g = AggregatorTestSupport.randomGradients(3, 4, 51);
    double[] l1 = {1.0, 2.0, 0.5};
    double[] l2 = {0.2, 3.0, 1.0};
    dro.aggregate(g, l1, new SplittableRandom(0));
    Aggregation a = dro.aggregate(g, l2, new SplittableRandom(0));
    // q_k ∝ exp(η(ℓ1_k + ℓ2_k)) from uniform, normalised to Σq = K
    double[] unnormalised = new double[3];
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      unnormalised[k] = Math.exp(eta * (l1[k] + l2[k]));
      sum += unnormalised[k];
    }
    double[] d = new double[4];
    for (int k = 0; k < 3; k++) {
      double q = 3 * unnormalised[k] / sum;
      assertThat(a.taskWeights()[k]).isCloseTo(q, within(1e-12));
      for (int j = 0; j < 4; j++) {
        d[j] += q * g.get(k, j);
      }
    }
    for (int j = 0; j < 4; j++) {
      assertThat(a.direction()[j]).isCloseTo(d[j], within(1e-12));
    }
    dro.reset();
    Aggregation fresh = dro.aggregate(g, new double[] {1, 1, 1}, new SplittableRandom(0));
    assertThat(fresh.taskWeights()).containsExactly(1.0, 1.0, 1.0);
  }

  @Test
  void nonFiniteLossIsRejectedWithTheTaskIndex() {
    Matrix g = AggregatorTestSupport.randomGradients(2, 3, 52);
    assertThatThrownBy(() -> new GroupDro(0.1).aggregate(g, new double[] {1, Double.NaN}, new SplittableRandom(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group-dro").hasMessageContaining("task 1");
  }

  @Test
  void invalidConfigNamesTheField() {
    assertThatThrownBy(() -> new GroupDroProvider().create(new GroupDroProvider.Config(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("robustStepSize").hasMessageContaining("-1");
  }
}
