package org.taskmet.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class OptimizerTest {
  @Test
  void adamFollowsTheTextbookBiasCorrectedUpdateWithL2WeightDecay() {
    double lr = 0.05, b1 = 0.8, b2 = 0.95, eps = 1e-3, wd = 0.1;
    Adam adam = new Adam(2, new Adam.Settings(lr, b1, b2, eps, wd));
    double[] theta = {1.0, -2.0};
    double[] ref = theta.clone();
    double[] m = new double[2];
    double[] v = new double[2];
    for (int t = 1; t <= 4; t++) {
      double[] g = {Math.sin(t) + ref[0], 0.3 * t - ref[1]};
      adam.step(theta, g);
      for (int i = 0; i < 2; i++) {
        double gi = g[i] + wd * ref[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        double mHat = m[i] / (1 - Math.pow(b1, t));
        double vHat = v[i] / (1 - Math.pow(b2, t));
        ref[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
      }
      assertThat(theta[0]).isCloseTo(ref[0], offset(1e-14));
      assertThat(theta[1]).isCloseTo(ref[1], offset(1e-14));
    }
  }

  @Test
  void adamFirstStepMovesEveryCoordinateByTheLearningRate() {
    Adam adam = new Adam(3, 0.1);
    double[] theta = {1, 1, 1};
    adam.step(theta, new double[] {2, -0.5, 1e3});
    assertThat(theta[0]).isCloseTo(0.9, offset(1e-8));
    assertThat(theta[1]).isCloseTo(1.1, offset(1e-7));
    assertThat(theta[2]).isCloseTo(0.9, offset(1e-8));
  }

  @Test
  void restoredStateContinuesBitIdentically() {
    Adam a = new Adam(2, 0.01);
    double[] theta = {0.5, 0.5};
    a.step(theta, new double[] {1, 2});
    OptimizerState snapshot = a.state();
    double[] saved = theta.clone();
    a.step(theta, new double[] {3, -1});
    Adam b = new Adam(2, 0.01);
    b.restore(snapshot);
    b.step(saved, new double[] {3, -1});
    assertThat(saved).containsExactly(theta);
    assertThat(b.state().steps()).isEqualTo(2);
    // the snapshot is a copy: further steps do not change it
    assertThat(snapshot.steps()).isEqualTo(1);
    assertThatThrownBy(() -> new Sgd(2, Sgd.Settings.of(0.1, 0.9)).restore(snapshot))
        .hasMessageContaining("'adam'");
  }

  @Test
  void sgdMomentumMatchesTheHandComputedSequence() {
    Sgd sgd = new Sgd(1, new Sgd.Settings(0.1, 0.9, 0, 0.5, false));
    double[] x = {1.0};
    sgd.step(x, new double[] {2.0}); // d = 2 + 0.5 = 2.5, b = 2.5, x = 1 - 0.25 = 0.75
    assertThat(x[0]).isCloseTo(0.75, offset(1e-15));
    sgd.step(x, new double[] {1.0}); // d = 1 + 0.375 = 1.375, b = 2.25 + 1.375 = 3.625, x = 0.75 - 0.3625
    assertThat(x[0]).isCloseTo(0.3875, offset(1e-15));
    Sgd nesterov = new Sgd(1, new Sgd.Settings(0.1, 0.5, 0, 0, true));
    double[] y = {0.0};
    nesterov.step(y, new double[] {1.0}); // b = 1, d = 1 + 0.5 = 1.5
    assertThat(y[0]).isCloseTo(-0.15, offset(1e-15));
  }

  @Test
  void clippingScalesToTheMaxNormAndReportsTheOriginalNorm() {
    double[] g = {3, 4};
    assertThat(GradientClipping.clipByNorm(g, 1.0)).isEqualTo(5.0);
    assertThat(Math.hypot(g[0], g[1])).isCloseTo(1.0, offset(1e-6));
    double[] small = {0.3, 0.4};
    GradientClipping.clipByNorm(small, 1.0);
    assertThat(small).containsExactly(0.3, 0.4);
  }

  @Test
  void nonFiniteGradientsAndBadSettingsAreRejected() {
    Adam adam = new Adam(2, 0.1);
    assertThatThrownBy(() -> adam.step(new double[2], new double[] {0, Double.NaN}))
        .hasMessageContaining("gradient[1]");
    assertThatThrownBy(() -> new Adam.Settings(0.1, 1.0, 0.999, 1e-8, 0)).hasMessageContaining("adam.beta1");
    assertThatThrownBy(() -> GradientClipping.clipByNorm(new double[] {1}, 0)).hasMessageContaining("maxNorm");
  }
}
