package org.taskmet.core.mtl.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Aggregation;
import org.taskmet.api.Matrix;

class LookaheadDroTest {
  @Test
  void gradientOfTheWeightObjectiveMatchesCentralDifferences() {
    Matrix g = AggregatorTestSupport.randomGradients(4, 6, 61);
    double[] gram = GradientGeometry.gram(g);
    double[] losses = {0.7, 1.3, 0.2, 0.9};
    double[] q = {0.1, 0.4, 0.3, 0.2};
    double eta = 0.2;
    double tau = 0.3;
    double lambda = 0.05;
    double[] analytic = LookaheadDro.objectiveGradient(q, losses, gram, eta, tau, lambda);
    double h = 1e-6;
    for (int i = 0; i < 4; i++) {
      double[] plus = q.clone();
      double[] minus = q.clone();
      plus[i] += h;
      minus[i] -= h;
      double fd = (LookaheadDro.objective(plus, losses, gram, eta, tau, lambda)
          - LookaheadDro.objective(minus, losses, gram, eta, tau, lambda)) / (2 * h);
      assertThat(analytic[i]).as("∂J/∂q_%d", i).isCloseTo(fd, within(1e-7 * (1 + Math.abs(fd))));
    }
  }

  @Test
  void anUnlearnableHighLossTaskDoesNotCaptureTheWeights() {
    // task 2 has the largest loss but a zero gradient (nothing the shared parameters can do for it)
    Matrix g = Matrix.of(new double[][] {{1, 0, 0}, {0.8, 0.3, 0}, {0, 0, 0}});
    double[] losses = {0.3, 0.5, 1.0};
    LookaheadDro ldro = new LookaheadDro(0.05, 0.1, 0.05, 10, 0.5, true, 0);
    GroupDro dro = new GroupDro(0.5);
    Aggregation a = null;
    Aggregation b = null;
    for (int step = 0; step < 200; step++) {
      a = ldro.aggregate(g, losses, new SplittableRandom(step));
      b = dro.aggregate(g, losses, new SplittableRandom(step));
    }
    assertThat(b.taskWeights()[2] / 3).as("group DRO weight on the unlearnable task").isGreaterThan(0.9);
    assertThat(a.taskWeights()[2] / 3).as("Lookahead-DRO weight on the unlearnable task").isLessThan(0.5);
  }

  @Test
  void largeEntropyWeightGivesUniformWeights() {
    Matrix g = AggregatorTestSupport.randomGradients(3, 5, 62);
    LookaheadDro ldro = new LookaheadDro(0.05, 0.1, 1e6, 50, 0.1, true, 0);
    Aggregation a = ldro.aggregate(g, new double[] {0.1, 2, 0.5}, new SplittableRandom(0));
    for (double w : a.taskWeights()) {
      assertThat(w).isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void invalidTemperatureNamesTheField() {
    LookaheadDroProvider provider = new LookaheadDroProvider();
    LookaheadDroProvider.Config c = provider.defaultConfig();
    assertThatThrownBy(() -> provider.create(new LookaheadDroProvider.Config(c.lookaheadStep(), 0, c.entropyWeight(),
        c.innerSteps(), c.stepSize(), c.warmStart(), c.lossSmoothing())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
  }
}
