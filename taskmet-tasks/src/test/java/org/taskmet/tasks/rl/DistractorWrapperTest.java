package org.taskmet.tasks.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Environment;

class DistractorWrapperTest {
  private static final int K = 16;

  /** Observations of a few episodes under a fixed alternating policy, resets included. */
  private static List<double[]> observations(int distractors, int steps) {
    DistractorWrapper env = new DistractorWrapper(new CartPole(CartPoleConfig.defaults()), distractors);
    List<double[]> out = new ArrayList<>();
    long seed = 100;
    double[] s = env.reset(seed);
    out.add(s);
    for (int t = 0; out.size() < steps; t++) {
      Environment.Step step = env.step(t % 2);
      out.add(step.observation());
      if (step.done()) {
        out.add(env.reset(++seed));
      }
    }
    return out.subList(0, steps);
  }

  /**
   * Every distractor coordinate, pooled over time, is N(0, 1) (Kolmogorov–Smirnov), and the coordinates are
   * uncorrelated with each other, with the next step's and with the true state.
   */
  @Test
  void distractorsAreIndependentStandardNormalsAtEveryStep() {
    int n = 6000;
    List<double[]> obs = observations(K, n);
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    NormalDistribution standard = new NormalDistribution(null, 0, 1);
    for (int j = 4; j < 4 + K; j++) {
      double[] column = new double[n];
      for (int t = 0; t < n; t++) {
        column[t] = obs.get(t)[j];
      }
      // p < 1e-4 happens by chance in 1 of 10,000 columns
      assertThat(ks.kolmogorovSmirnovTest(standard, column)).as("KS p-value of distractor %d", j).isGreaterThan(1e-4);
    }
    // under independence each sample correlation is ≈ N(0, 1/n): 5 standard errors
    double bound = 5 / Math.sqrt(n);
    assertThat(correlation(obs, 4, 5, 0)).isBetween(-bound, bound);
    assertThat(correlation(obs, 4, 4, 1)).isBetween(-bound, bound); // the same coordinate one step later
    assertThat(correlation(obs, 7, 2, 0)).isBetween(-bound, bound); // with the pole angle
    assertThat(correlation(obs, 9, 3, 0)).isBetween(-bound, bound); // with the angular velocity
  }

  @Test
  void trueStatesRewardsAndEndsDoNotDependOnTheNumberOfDistractors() {
    List<double[]> none = observations(0, 300);
    List<double[]> many = observations(64, 300);
    for (int t = 0; t < 300; t++) {
      assertThat(none.get(t)).hasSize(4);
      assertThat(many.get(t)).hasSize(68);
      for (int j = 0; j < 4; j++) {
        assertThat(many.get(t)[j]).isEqualTo(none.get(t)[j]);
      }
    }
    DistractorWrapper env = new DistractorWrapper(new CartPole(CartPoleConfig.defaults()), 3);
    assertThat(env.observationSize()).isEqualTo(7);
    assertThat(env.actionCount()).isEqualTo(2);
    assertThatThrownBy(() -> new DistractorWrapper(new CartPole(CartPoleConfig.defaults()), -1))
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> env.step(0)).hasMessageContaining("before reset");
  }

  private static double correlation(List<double[]> obs, int a, int b, int lag) {
    int n = obs.size() - lag;
    double ma = 0;
    double mb = 0;
    for (int t = 0; t < n; t++) {
      ma += obs.get(t)[a] / n;
      mb += obs.get(t + lag)[b] / n;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int t = 0; t < n; t++) {
      double x = obs.get(t)[a] - ma;
      double y = obs.get(t + lag)[b] - mb;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
