package org.taskmet.tasks.mtl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwoTaskToyTest {
  @Test
  void gradientsMatchCentralDifferences() {
    SplittableRandom rng = new SplittableRandom(3);
    for (double scale : new double[] {1.0, 0.1}) {
      TwoTaskToy toy = new TwoTaskToy(scale);
      for (int trial = 0; trial < 50; trial++) {
        double[] x = {-10 + 20 * rng.nextDouble(), -10 + 20 * rng.nextDouble()};
        double[] grads = new double[4];
        toy.evaluate(x, grads);
        double h = 1e-6;
        for (int j = 0; j < 2; j++) {
          double[] plus = x.clone();
          double[] minus = x.clone();
          plus[j] += h;
          minus[j] -= h;
          double[] lp = toy.losses(plus);
          double[] lm = toy.losses(minus);
          for (int task = 0; task < 2; task++) {
            double fd = (lp[task] - lm[task]) / (2 * h);
            assertThat(grads[task * 2 + j]).as("dL%d/dx%d at (%f, %f)", task + 1, j + 1, x[0], x[1])
                .isCloseTo(fd, within(1e-5 * (1 + Math.abs(fd))));
          }
        }
      }
    }
  }

  @Test
  void averageOptimumMatchesTheReferenceGeometry() {
    double[] l = new TwoTaskToy(1.0).losses(new double[] {0, -8.3551});
    assertThat(l[0]).isCloseTo(-15.09, within(0.01));
    assertThat(l[1]).isCloseTo(l[0], within(1e-9));
    assertThat(new TwoTaskToy(1.0).losses(new double[] {7, -8.434})[0]).isCloseTo(-19.989, within(0.01));
  }
}
